package io.threefactor.engine.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Hasura part of a verified token: the allowed roles, the default role and the other {@code x-hasura-*}
 * session variables, read from the claims namespace (or path) or through a {@code claims_map}, as Hasura reads them.
 *
 * @param variables the other session variables, keys lower case; values as text (strings as they are, other
 *                  JSON values as JSON text, so a list can feed an {@code _in} filter)
 */
public record HasuraClaims(List<String> allowedRoles, String defaultRole, Map<String, String> variables) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static HasuraClaims from(JsonNode tokenClaims, JwtConfig.Claims config) {
        Map<String, JsonNode> claims = config instanceof JwtConfig.Namespace ns
                ? fromNamespace(tokenClaims, ns)
                : fromClaimsMap(tokenClaims, (JwtConfig.ClaimsMap) config);

        JsonNode allowed = claims.remove(JwtConfig.ALLOWED_ROLES);
        JsonNode dflt = claims.remove(JwtConfig.DEFAULT_ROLE);
        if (allowed == null) {
            throw JwtErrors.missingRoleClaim(JwtConfig.ALLOWED_ROLES);
        }
        List<String> roles = roles(allowed);
        if (dflt == null) {
            throw JwtErrors.missingRoleClaim(JwtConfig.DEFAULT_ROLE);
        }
        if (!dflt.isTextual() || dflt.textValue().isBlank()) {
            throw JwtErrors.claims("invalid " + JwtConfig.DEFAULT_ROLE + "; should be a single role name: "
                    + expected("String", dflt));
        }
        Map<String, String> variables = new LinkedHashMap<>();
        claims.forEach((k, v) -> variables.put(k, v.isTextual() ? v.textValue() : v.toString()));
        return new HasuraClaims(List.copyOf(roles), dflt.textValue(), Map.copyOf(variables));
    }

    private static List<String> roles(JsonNode allowed) {
        String prefix = "invalid " + JwtConfig.ALLOWED_ROLES + "; should be a list of roles: ";
        if (!allowed.isArray()) {
            throw JwtErrors.claims(prefix + "parsing [] failed, " + expected("Array", allowed));
        }
        List<String> roles = new ArrayList<>();
        for (JsonNode r : allowed) {
            if (!r.isTextual() || r.textValue().isBlank()) {
                throw JwtErrors.claims(prefix + expected("String", r));
            }
            roles.add(r.textValue());
        }
        return roles;
    }

    /** Aeson's wording, which Hasura passes on. */
    private static String expected(String type, JsonNode actual) {
        String found = actual.isArray() ? "Array" : actual.isObject() ? "Object" : actual.isNumber() ? "Number"
                : actual.isBoolean() ? "Boolean" : actual.isNull() ? "Null" : "String";
        return "expected " + type + ", but encountered " + found;
    }

    private static Map<String, JsonNode> fromNamespace(JsonNode tokenClaims, JwtConfig.Namespace ns) {
        Optional<JsonNode> value = ns.path().isPresent()
                ? ns.path().get().find(tokenClaims)
                : Optional.ofNullable(tokenClaims.get(ns.key().orElseThrow()));
        if (value.isEmpty()) {
            throw JwtErrors.claims(ns.path().isPresent()
                    ? "claims not found at claims_namespace_path: '" + ns.path().get() + "'"
                    : "claims key: '" + ns.key().get() + "' not found");
        }
        JsonNode object = value.get();
        if (ns.stringified()) {
            if (!object.isTextual()) {
                throw JwtErrors.claims("expecting a string when claims_format is stringified_json");
            }
            try {
                object = JSON.readTree(object.textValue());
            } catch (Exception e) {
                object = null;
            }
            if (object == null || !object.isObject()) {
                throw JwtErrors.claims("expecting stringified json at: '" + ns.describe() + "', but found: "
                        + value.get().textValue());
            }
        } else if (!object.isObject()) {
            throw JwtErrors.claims("expecting a json object when claims_format is json");
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey().toLowerCase(Locale.ROOT);
            if (key.startsWith("x-hasura-")) {
                out.put(key, e.getValue());
            }
        }
        return out;
    }

    private static Map<String, JsonNode> fromClaimsMap(JsonNode tokenClaims, JwtConfig.ClaimsMap map) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        resolve(tokenClaims, map.allowedRoles()).ifPresent(v -> out.put(JwtConfig.ALLOWED_ROLES, v));
        resolve(tokenClaims, map.defaultRole()).ifPresent(v -> out.put(JwtConfig.DEFAULT_ROLE, v));
        map.others().forEach((name, value) -> out.put(name, resolve(tokenClaims, value).orElseThrow(() ->
                JwtErrors.claims("JWT claim from claims_map, " + name + " not found"))));
        return out;
    }

    /** The value at the path, else the default; or the literal value. */
    private static Optional<JsonNode> resolve(JsonNode tokenClaims, JwtConfig.ClaimValue value) {
        if (value.path().isEmpty()) {
            return value.value();
        }
        return value.path().get().find(tokenClaims).filter(v -> !v.isNull()).or(value::value);
    }
}
