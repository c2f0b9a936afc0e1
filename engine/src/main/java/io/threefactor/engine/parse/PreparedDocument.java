package io.threefactor.engine.parse;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.language.Type;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A parsed and validated operation for one role's schema, cached by (schema, query, operation name).
 *
 * @param variableTypes    declared variable types by name
 * @param variableDefaults declared default values, as JSON
 * @param shaping          variables whose values shape the SQL (input objects, enums, directive conditions);
 *                         grows when planning discovers another one, so it is a concurrent set
 * @param depth            deepest field nesting, fragments expanded
 * @param nodes            number of fields, fragments expanded (Hasura's node limit counts these)
 */
public record PreparedDocument(OperationDefinition operation, Map<String, FragmentDefinition> fragments,
                               Map<String, Type<?>> variableTypes, Map<String, JsonNode> variableDefaults,
                               Set<String> shaping, int depth, int nodes) {

    public static Set<String> newShapingSet(Set<String> initial) {
        Set<String> set = ConcurrentHashMap.newKeySet();
        set.addAll(initial);
        return set;
    }
}
