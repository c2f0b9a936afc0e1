package io.threefactor.engine.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.VariableDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLEnumType;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import io.threefactor.engine.error.PlanningException;
import io.threefactor.engine.schema.SchemaModel;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.validation.rules.NoUnusedVariables;
import graphql.validation.rules.SubscriptionUniqueRootField;
import java.util.function.Predicate;

/** Parses and validates a GraphQL document against a role's schema and picks the operation to run. */
public final class DocumentPreparer {

    private final ParserOptions parserOptions;
    private final ObjectMapper json;

    private final int maxDepth;
    private final int maxNodes;

    /**
     * Every rule but two Hasura does not have: the single root field of subscriptions (Hasura allows several root
     * fields in a live query; a streaming subscription still must have exactly one, checked when it starts) and
     * unused variables (Hasura accepts a declared variable the operation never reads).
     */
    private static final Predicate<Class<?>> RULES =
            rule -> rule != SubscriptionUniqueRootField.class && rule != NoUnusedVariables.class;

    public DocumentPreparer(ObjectMapper json, int maxTokens, int maxDepth, int maxNodes) {
        this.json = json;
        this.maxDepth = maxDepth;
        this.maxNodes = maxNodes;
        this.parserOptions = ParserOptions.getDefaultOperationParserOptions().transform(o -> o
                .maxTokens(maxTokens).maxRuleDepth(500).captureSourceLocation(true));
    }

    public PreparedDocument prepare(SchemaModel schema, String query, String operationName) {
        Document document;
        try {
            document = Parser.parse(ParserEnvironment.newParserEnvironment().document(query)
                    .parserOptions(parserOptions).build());
        } catch (ParseCancelledException e) {
            throw new PlanningException("validation-failed", "the query is too large", "$.query");
        } catch (InvalidSyntaxException e) {
            throw new PlanningException("validation-failed", "not a valid graphql query", "$.query");
        }
        // measured before validation: graphql-java's rules expand fragments without remembering them
        DocumentSize size = DocumentSize.of(document);
        if (size.largestNodes() > maxNodes) {
            throw PlanningException.validation("the query selects more than " + maxNodes
                    + " fields once its fragments are expanded", "$.selectionSet");
        }
        List<ValidationError> errors = new Validator().validateDocument(schema.schema(), HiddenDirectives.strip(document),
                RULES, Locale.ENGLISH);
        if (!errors.isEmpty()) {
            throw PlanningException.validation(ValidationMessages.of(errors.get(0), schema.schema()), "$.selectionSet");
        }
        OperationDefinition operation = pickOperation(document, operationName);
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        for (Definition<?> d : document.getDefinitions()) {
            if (d instanceof FragmentDefinition f) {
                fragments.put(f.getName(), f);
            }
        }
        DocumentSize.Size operationSize = size.of(operation);
        int depth = operationSize.depth();
        if (depth > maxDepth) {
            throw PlanningException.validation("the query is nested deeper than the limit of " + maxDepth, "$.selectionSet");
        }
        Map<String, Type<?>> types = new LinkedHashMap<>();
        Map<String, JsonNode> defaults = new HashMap<>();
        Set<String> shaping = new HashSet<>();
        for (VariableDefinition v : operation.getVariableDefinitions()) {
            types.put(v.getName(), v.getType());
            if (v.getDefaultValue() != null) {
                defaults.put(v.getName(), AstJson.toJson(json, v.getDefaultValue()));
            }
            if (shapesPlan(schema, v.getType())) {
                shaping.add(v.getName());
            }
        }
        return new PreparedDocument(operation, Map.copyOf(fragments), types, defaults,
                PreparedDocument.newShapingSet(shaping), depth, (int) operationSize.nodes());
    }

    /** Input objects and enums decide the SQL's shape; scalars and lists of scalars are bound parameters. */
    private static boolean shapesPlan(SchemaModel schema, Type<?> type) {
        Type<?> t = type;
        while (!(t instanceof TypeName)) {
            t = t instanceof NonNullType nn ? nn.getType() : ((ListType) t).getType();
        }
        GraphQLNamedType named = (GraphQLNamedType) schema.schema().getType(((TypeName) t).getName());
        return named instanceof GraphQLInputObjectType || named instanceof GraphQLEnumType;
    }

    private static OperationDefinition pickOperation(Document document, String operationName) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (operationName == null || operationName.isEmpty()) {
            if (operations.size() != 1) {
                throw new PlanningException("validation-failed",
                        "exactly one operation has to be present in the document when operationName is not specified",
                        "$");
            }
            return operations.get(0);
        }
        return operations.stream().filter(o -> operationName.equals(o.getName())).findFirst()
                .orElseThrow(() -> new PlanningException("validation-failed",
                        "no such operation found in the document: \"" + operationName + "\"", "$"));
    }
}
