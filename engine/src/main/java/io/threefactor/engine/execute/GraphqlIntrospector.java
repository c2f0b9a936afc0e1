package io.threefactor.engine.execute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import io.threefactor.engine.error.PlanningException;
import io.threefactor.engine.schema.SchemaModel;

import java.util.Map;
import java.util.Set;

/**
 * Answers introspection operations ({@code __schema}, {@code __type}) with graphql-java's own introspection
 * over the role's schema. It runs only when a plan is made; the answer is cached as a constant plan.
 */
public final class GraphqlIntrospector {

    private static final Set<String> INTROSPECTION_FIELDS = Set.of("__schema", "__type");

    private final ObjectMapper json;

    public GraphqlIntrospector(ObjectMapper json) {
        this.json = json;
    }

    /** Whether the operation asks for introspection (its root has {@code __schema} or {@code __type}). */
    public static boolean isIntrospection(OperationDefinition operation) {
        for (Selection<?> s : operation.getSelectionSet().getSelections()) {
            if (s instanceof Field f && INTROSPECTION_FIELDS.contains(f.getName())) {
                return true;
            }
        }
        return false;
    }

    /** The {@code data} JSON of an introspection operation. */
    public String answer(SchemaModel schema, String query, String operationName, Map<String, Object> variables) {
        ExecutionResult result = GraphQL.newGraphQL(schema.schema()).build().execute(ExecutionInput
                .newExecutionInput(query).operationName(operationName).variables(variables).build());
        if (!result.getErrors().isEmpty()) {
            String message = result.getErrors().get(0).getMessage();
            throw new PlanningException("not-supported", message.contains("DataFetcher") || message.contains("null")
                    ? "introspection fields cannot be selected together with data fields" : message, "$.selectionSet");
        }
        try {
            return json.writeValueAsString(result.getData());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
