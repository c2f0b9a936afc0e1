package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.Catalog;
import io.threefactor.engine.error.MetadataApiException;

/** {@code add_inherited_role} ({@code role_name}, {@code role_set}) and {@code drop_inherited_role}. */
final class InheritedRole implements DocumentChange {

    private final boolean add;

    InheritedRole(boolean add) {
        this.add = add;
    }

    @Override
    public void apply(ObjectNode doc, Catalog catalog, JsonNode args) {
        String name = Docs.requiredText(args, "role_name");
        ArrayNode roles = Docs.array(doc, "inherited_roles");
        int at = Docs.indexOf(roles, "role_name", name);
        if (!add) {
            if (at < 0) {
                cleanUp(doc, roles);
                throw MetadataApiException.notExists("inherited role " + Docs.quote(name) + " does not exist");
            }
            roles.remove(at);
            cleanUp(doc, roles);
            return;
        }
        JsonNode set = Docs.required(args, "role_set");
        if (!set.isArray() || set.isEmpty()) {
            throw MetadataApiException.parse("role_set must be a non-empty list of role names", "$.args.role_set");
        }
        if (at >= 0) {
            throw MetadataApiException.alreadyExists("inherited role " + Docs.quote(name) + " already exists");
        }
        if ("admin".equals(name)) {
            throw MetadataApiException.validation("the admin role cannot be an inherited role");
        }
        ObjectNode role = roles.addObject();
        role.put("role_name", name);
        role.set("role_set", set.deepCopy());
    }

    private static void cleanUp(ObjectNode doc, ArrayNode roles) {
        if (roles.isEmpty()) {
            doc.remove("inherited_roles");
        }
    }
}
