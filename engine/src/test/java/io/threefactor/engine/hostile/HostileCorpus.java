package io.threefactor.engine.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.auth.IdentityProvider;
import io.threefactor.engine.auth.JwtProfile;
import io.threefactor.engine.auth.Token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.jose4j.jws.AlgorithmIdentifiers.HMAC_SHA256;

/**
 * The hostile inputs: the files under {@code src/test/resources/hostile/} (one JSON case a line, format in
 * {@code corpus.jsonl}'s header), plus the cases too large or too computed to write by hand, made here.
 */
final class HostileCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN = JwtProfile.ADMIN_SECRET;
    /** The role whose {@code api_limits.time_limit} the suite sets to one second. */
    static final String LIMITED_ROLE = "author";
    static final String CATASTROPHIC_REGEX = "(.*){1,255}(.*){1,255}(.*){1,255}(.*){1,252}";

    private HostileCorpus() { }

    static List<HostileCase> all() {
        List<HostileCase> cases = new ArrayList<>(fromFiles());
        cases.addAll(fragmentBombs());
        cases.addAll(floodsAndDepth());
        cases.addAll(hugeLiterals());
        cases.addAll(sqlInStrings());
        cases.addAll(catastrophicRegexes());
        cases.addAll(malformedTokens());
        return cases;
    }

    // ---- files

    static List<HostileCase> fromFiles() {
        URL dir = HostileCorpus.class.getResource("/hostile");
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            List<HostileCase> cases = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        cases.add(fromJson(file.getFileName() + ":" + (i + 1), JSON.readTree(line)));
                    }
                }
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HostileCase fromJson(String where, JsonNode c) throws IOException {
        byte[] body;
        if (c.has("base64")) {
            body = Base64.getDecoder().decode(c.get("base64").asText());
        } else if (c.has("body")) {
            body = c.get("body").asText().getBytes(StandardCharsets.UTF_8);
        } else {
            body = JSON.writeValueAsBytes(c.get("json"));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-hasura-admin-secret", ADMIN);
        c.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        headers.values().removeIf(String::isEmpty); // "" removes a default header
        JsonNode expect = c.path("expect");
        return new HostileCase(c.path("name").asText(where), c.path("transport").asText("http"),
                c.path("method").asText("POST"), c.path("path").asText("/v1/graphql"), headers,
                c.path("contentType").asText("application/json"), body,
                expect.has("status") ? expect.get("status").asInt() : null,
                expect.has("code") ? expect.get("code").asText() : null,
                c.path("maxMillis").asLong(HostileCase.DEFAULT_MAX_MILLIS));
    }

    // ---- generated

    private static HostileCase query(String name, String query, String code) {
        return query(name, query, null, code);
    }

    private static HostileCase query(String name, String query, JsonNode variables, String code) {
        ObjectNode body = JSON.createObjectNode().put("query", query);
        if (variables != null) {
            body.set("variables", variables);
        }
        return HostileCase.graphql(name, body.toString(), code).withHeaders(Map.of("x-hasura-admin-secret", ADMIN));
    }

    /** Fragments that expand to billions of fields in a few kilobytes, and fragments that spread themselves. */
    static List<HostileCase> fragmentBombs() {
        List<HostileCase> cases = new ArrayList<>();
        cases.add(query("fragment bomb: 40 doubling fragments (2^40 fields)", doubling(40, 2) + "{ article { ...F39 } }",
                "validation-failed"));
        cases.add(query("fragment bomb: 8 fragments spreading the previous one 30 times", doubling(8, 30)
                + "{ article { ...F7 } }", "validation-failed"));
        cases.add(query("fragment bomb: doubling and never used", doubling(40, 2) + "{ article { id } }",
                "validation-failed"));
        cases.add(query("fragment bomb: doubling through inline fragments", "fragment F0 on article { id title }\n"
                + IntStream.range(1, 40).mapToObj(i -> "fragment F" + i + " on article { ... on article { ...F" + (i - 1)
                + " } ... on article { ...F" + (i - 1) + " } }").collect(Collectors.joining("\n"))
                + "{ article { ...F39 } }", "validation-failed"));
        cases.add(query("fragment bomb: doubling through relationships", "fragment F0 on article { id }\n"
                + IntStream.range(1, 40).mapToObj(i -> "fragment F" + i + " on article { author { articles { ...F" + (i - 1)
                + " } } ...F" + (i - 1) + " }").collect(Collectors.joining("\n")) + "{ article { ...F39 } }",
                "validation-failed"));
        cases.add(query("fragment cycle: a fragment spreading itself",
                "fragment A on article { id ...A } { article { ...A } }", "validation-failed"));
        cases.add(query("fragment cycle: two fragments",
                "fragment A on article { id ...B } fragment B on article { title ...A } { article { ...A } }",
                "validation-failed"));
        cases.add(query("fragment cycle: through a relationship and an inline fragment",
                "fragment A on article { author { articles { ... on article { ...B } } } } "
                        + "fragment B on article { ...C } fragment C on article { ...A } { article { ...A } }",
                "validation-failed"));
        cases.add(query("fragment cycle: unused by the operation",
                "fragment A on article { ...B } fragment B on article { ...A } { article { id } }", "validation-failed"));
        cases.add(query("fragment cycle: 500 fragments in a ring", IntStream.range(0, 500)
                .mapToObj(i -> "fragment F" + i + " on article { ...F" + ((i + 1) % 500) + " }")
                .collect(Collectors.joining("\n")) + "{ article { ...F0 } }", "validation-failed"));
        cases.add(query("deep nested inline fragments", "{ article { " + "... on article { ".repeat(450) + "id"
                + " }".repeat(450) + " } }", "validation-failed"));
        cases.add(query("unknown fragment spread", "{ article { ...Nowhere } }", "validation-failed"));
        return cases;
    }

    /** {@code fragment F0 { id title }}, then F1…F(n-1) each spreading the one before {@code width} times. */
    static String doubling(int n, int width) {
        StringBuilder b = new StringBuilder("fragment F0 on article { id title }\n");
        for (int i = 1; i < n; i++) {
            b.append("fragment F").append(i).append(" on article {")
                    .append((" ...F" + (i - 1)).repeat(width)).append(" }\n");
        }
        return b.toString();
    }

    static List<HostileCase> floodsAndDepth() {
        List<HostileCase> cases = new ArrayList<>();
        cases.add(query("alias flood: 1300 root fields", "{ " + IntStream.range(0, 1300)
                .mapToObj(i -> "a" + i + ": author(limit: 1) { id }").collect(Collectors.joining(" ")) + " }", null));
        cases.add(query("alias flood: 1300 conflicting uses of one alias", "{ " + IntStream.range(0, 1300)
                .mapToObj(i -> "a: author(limit: " + i + ") { id }").collect(Collectors.joining(" ")) + " }",
                "validation-failed"));
        cases.add(query("field flood: one field 9000 times", "{ author(limit: 1) { " + "id ".repeat(9000) + "} }", null));
        cases.add(query("too many tokens", "{ author { " + "id ".repeat(20_000) + "} }", "validation-failed"));
        cases.add(query("deep nesting: 45 relationship levels", "{ article { "
                + "author { articles { ".repeat(22) + "id" + " } }".repeat(22) + " } }", "validation-failed"));
        cases.add(query("deep nesting: 2000 nested braces", "{ article " + "{ ".repeat(2000) + "id"
                + " }".repeat(2000) + " }", "validation-failed"));
        cases.add(query("deep nesting: a where of 400 nested _and", "{ article(where: "
                + "{_and: ".repeat(400) + "{id: {_eq: 1}}" + "}".repeat(400) + ") { id } }", null));
        cases.add(query("deep nesting: a list literal nested 3000 deep", "{ article(where: {id: {_in: "
                + "[".repeat(3000) + "1" + "]".repeat(3000) + "}}) { id } }", "validation-failed"));
        String bomb = JSON.createObjectNode().put("query", doubling(40, 2) + "{ article { ...F39 } }").toString();
        cases.add(HostileCase.graphql("a batch of 200 fragment bombs", "[" + String.join(",", Collections.nCopies(200, bomb))
                + "]", null).withHeaders(Map.of("x-hasura-admin-secret", ADMIN)));
        return cases;
    }

    static List<HostileCase> hugeLiterals() {
        List<HostileCase> cases = new ArrayList<>();
        String big = "x".repeat(900_000);
        cases.add(query("huge string literal (900 kB)", "{ article(where: {title: {_eq: \"" + big + "\"}}) { id } }", null)
                .withMaxMillis(2500)); // the parser reads 900 kB once; the same document again is cached
        cases.add(query("huge string variable (900 kB)", "query ($t: String) { article(where: {title: {_eq: $t}}) { id } }",
                JSON.createObjectNode().put("t", big), null));
        cases.add(query("huge integer literal", "{ article(limit: 9" + "9".repeat(5000) + ") { id } }", "validation-failed"));
        cases.add(query("huge float literal", "{ article(where: {score: {_gt: 1" + "0".repeat(5000) + ".5}}) { id } }", null));
        cases.add(query("huge numeric variable", "query ($s: numeric) { article(where: {score: {_gt: $s}}) { id } }",
                JSON.createObjectNode().put("s", new BigDecimal("1e999999")), null));
        cases.add(query("huge list variable (100 000 ids)", "query ($ids: [Int!]) { article(where: {id: {_in: $ids}}) { id } }",
                JSON.createObjectNode().set("ids", JSON.valueToTree(IntStream.range(0, 100_000).boxed().toList())), null));
        cases.add(HostileCase.graphql("invalid JSON nested 100 000 deep", "[".repeat(100_000) + "]".repeat(100_000), null)
                .withHeaders(Map.of("x-hasura-admin-secret", ADMIN)).withStatus(400));
        cases.add(HostileCase.graphql("a form-encoded body of 100 kB", JSON.createObjectNode().put("query",
                        "{ author(where: {name: {_eq: \"" + "x".repeat(100_000) + "\"}}) { id } }").toString(), null)
                .withHeaders(Map.of("x-hasura-admin-secret", ADMIN)).withContentType("application/x-www-form-urlencoded"));
        cases.add(HostileCase.graphql("a body over the size limit", "{\"query\":\"" + "x".repeat(1_100_000) + "\"}", null)
                .withHeaders(Map.of("x-hasura-admin-secret", ADMIN)).withStatus(413));
        cases.add(HostileCase.graphql("variables nested 5000 deep", "{\"query\":\"query ($j: jsonb) { author(where: "
                + "{profile: {_contains: $j}}) { id } }\",\"variables\":{\"j\":" + "[".repeat(5000) + "]".repeat(5000)
                + "}}", null).withHeaders(Map.of("x-hasura-admin-secret", ADMIN)).withStatus(400));
        return cases;
    }

    /** SQL where a string goes: values, patterns, JSON keys, names, session variables. */
    static List<HostileCase> sqlInStrings() {
        String[] payloads = {"'; DROP TABLE author; --", "\"; DROP TABLE author; --", "1); DELETE FROM author; --",
                "$$; DROP TABLE author; $$", "\\'; DROP TABLE author; --", "%' OR 1=1 --", "\u0000", "E'\\x00'"};
        List<HostileCase> cases = new ArrayList<>();
        for (String p : payloads) {
            ObjectNode v = JSON.createObjectNode().put("p", p);
            String label = " (" + p.replace("\u0000", "NUL") + ")";
            cases.add(query("SQL in _eq" + label, "query ($p: String) { author(where: {name: {_eq: $p}}) { id } }", v, null));
            cases.add(query("SQL in _like" + label, "query ($p: String) { author(where: {name: {_like: $p}}) { id } }", v, null));
            cases.add(query("SQL in _regex" + label, "query ($p: String) { author(where: {name: {_regex: $p}}) { id } }", v, null));
            cases.add(query("SQL as a jsonb key" + label, "query ($j: jsonb) { author(where: {profile: {_has_key: \"x\"}, "
                    + "_not: {profile: {_contains: $j}}}) { id } }", JSON.createObjectNode().set("j",
                    JSON.createObjectNode().put(p, p)), null));
            cases.add(query("SQL in a jsonb path" + label, "query ($p: String) { author { id profile(path: $p) } }", v, null));
            cases.add(query("SQL in an insert" + label, "mutation ($p: String!) { insert_author_one(object: {name: $p}) "
                    + "{ id } }", v, null));
            cases.add(query("SQL as the operation name" + label, "query Q { author(limit: 1) { id } }", null, "validation-failed")
                    .withBody(operationNamed(p)));
            if (p.chars().anyMatch(ch -> ch < 0x20)) {
                continue; // no HTTP header can carry a control character
            }
            cases.add(query("SQL in x-hasura-user-id" + label, "{ author { id } }", null)
                    .withHeaders(Map.of("x-hasura-admin-secret", ADMIN, "x-hasura-role", "author", "x-hasura-user-id", p)));
            cases.add(query("SQL in x-hasura-role" + label, "{ author { id } }", null)
                    .withHeaders(Map.of("x-hasura-admin-secret", ADMIN, "x-hasura-role", p)));
        }
        return cases;
    }

    private static byte[] operationNamed(String name) {
        return JSON.createObjectNode().put("query", "query Q { author(limit: 1) { id } }").put("operationName", name)
                .toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Patterns whose matching is exponential: cancelled at the role's time limit of one second. */
    static List<HostileCase> catastrophicRegexes() {
        List<HostileCase> cases = new ArrayList<>();
        Map<String, String> limited = Map.of("x-hasura-admin-secret", ADMIN, "x-hasura-role", LIMITED_ROLE,
                "x-hasura-user-id", "1");
        for (String op : List.of("_regex", "_iregex", "_nregex", "_niregex")) {
            cases.add(query("catastrophic " + op + " for a role with a 1 s time limit",
                    "query ($p: String) { article(where: {title: {" + op + ": $p}}) { id } }",
                    JSON.createObjectNode().put("p", CATASTROPHIC_REGEX), "timeout")
                    .withHeaders(limited).withMaxMillis(2500));
        }
        cases.add(query("catastrophic _regex in a mutation for a role with a 1 s time limit",
                "mutation ($p: String) { update_article(where: {title: {_regex: $p}}, _set: {score: 1}) { affected_rows } }",
                JSON.createObjectNode().put("p", CATASTROPHIC_REGEX), "timeout").withHeaders(limited).withMaxMillis(2500));
        cases.add(query("catastrophic _similar for a role with a 1 s time limit",
                "query ($p: String) { article(where: {title: {_similar: $p}}) { id } }",
                JSON.createObjectNode().put("p", "(%|%){1,255}(%|%){1,255}(%|%){1,255}x"), null)
                .withHeaders(limited).withMaxMillis(2500));
        return cases;
    }

    /** Tokens whose registered or Hasura claims have the wrong type: Hasura's {@code invalid-jwt} and claims errors. */
    static List<HostileCase> malformedTokens() {
        String secret = IdentityProvider.get().hs256Secret;
        List<HostileCase> cases = new ArrayList<>();
        Map<String, Token> tokens = new LinkedHashMap<>();
        tokens.put("a numeric sub", Token.claims().issuer("hs256-issuer").claim("sub", "12345"));
        tokens.put("a string exp", Token.claims().issuer("hs256-issuer").claim("exp", "\"tomorrow\""));
        tokens.put("a string iat", Token.claims().issuer("hs256-issuer").claim("iat", "\"yesterday\""));
        tokens.put("an object nbf", Token.claims().issuer("hs256-issuer").claim("nbf", "{\"a\":1}"));
        tokens.put("a numeric iss", Token.claims().claim("iss", "42"));
        tokens.put("an object aud", Token.claims().issuer("audience-issuer").claim("aud", "{\"x\":1}"));
        tokens.put("an exp past the year 10^15", Token.claims().issuer("hs256-issuer").claim("exp", "1" + "0".repeat(30)));
        tokens.put("a fractional exp", Token.claims().issuer("hs256-issuer").claim("exp", "1.5e300"));
        tokens.put("claims that are a string", Token.claims().issuer("hs256-issuer").claim(
                "https://hasura.io/jwt/claims", "\"admin\""));
        tokens.put("allowed roles that are a number", Token.claims().issuer("hs256-issuer").claim(
                "https://hasura.io/jwt/claims", "{\"x-hasura-allowed-roles\":5,\"x-hasura-default-role\":\"author\"}"));
        tokens.put("a default role that is a list", Token.claims().issuer("hs256-issuer").claim(
                "https://hasura.io/jwt/claims", "{\"x-hasura-allowed-roles\":[\"author\"],\"x-hasura-default-role\":[\"author\"]}"));
        tokens.put("a user id that is an object", Token.claims().issuer("hs256-issuer").claim(
                "https://hasura.io/jwt/claims", "{\"x-hasura-allowed-roles\":[\"author\"],\"x-hasura-default-role\":\"author\","
                        + "\"x-hasura-user-id\":{\"$gt\":0}}"));
        tokens.forEach((what, token) -> cases.add(query("JWT with " + what, "{ author { id } }", null)
                .withHeaders(Map.of("Authorization", "Bearer " + token.signHmac(secret, HMAC_SHA256)))));
        for (String raw : List.of("not-a-jwt", "a.b.c", "....", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjF9.",
                "eyJhbGciOiJIUzI1NiJ9." + Base64.getUrlEncoder().encodeToString("[1,2,3]".getBytes(StandardCharsets.UTF_8)) + ".x",
                "x".repeat(100_000))) {
            cases.add(query("malformed token " + (raw.length() > 40 ? raw.substring(0, 10) + "… (" + raw.length() + ")" : raw),
                    "{ author { id } }", null).withHeaders(Map.of("Authorization", "Bearer " + raw)));
        }
        return cases;
    }
}
