package io.threefactor.engine.metadata;

import io.threefactor.engine.catalog.Catalog;
import io.threefactor.engine.catalog.ColumnInfo;
import io.threefactor.engine.catalog.FunctionInfo;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.catalog.TableInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The part of the metadata whose GraphQL names are valid, which is what the schema is built from, and what was
 * left out. Metadata can hold names GraphQL refuses — written into storage by hand or by an older version, or a
 * database column like {@code my-col} or a column type like {@code "my-type"} — and one such name must not take
 * the whole schema (or the start-up) down:
 * as in Hasura, the object is inconsistent and the rest is served.
 */
public record ServableMetadata(Metadata metadata, List<Problem> problems) {

    /** What is left out: a whole table, one of its computed fields, or a tracked function. */
    public enum Kind { TABLE, COMPUTED_FIELD, FUNCTION }

    /** @param object the computed field's name, the function's table-like name, or null for a table */
    public record Problem(Kind kind, QualifiedTable table, String object, String reason) { }

    public ServableMetadata {
        problems = List.copyOf(problems);
    }

    public static ServableMetadata of(Metadata metadata, Catalog catalog) {
        List<Problem> problems = new ArrayList<>();
        List<TableMetadata> tables = new ArrayList<>();
        for (TableMetadata t : metadata.tables()) {
            Optional<String> problem = tableProblem(t, catalog.table(t.table()).orElse(null));
            if (problem.isPresent()) {
                problems.add(new Problem(Kind.TABLE, t.table(), null, problem.get()));
                continue;
            }
            List<ComputedField> computed = new ArrayList<>();
            for (ComputedField cf : t.computedFields()) {
                if (GraphqlNames.valid(cf.name())) {
                    computed.add(cf);
                } else {
                    problems.add(new Problem(Kind.COMPUTED_FIELD, t.table(), cf.name(),
                            "\"" + cf.name() + "\" is not valid GraphQL name"));
                }
            }
            // a relationship without a GraphQL name is left out of the schema, as Hasura does, silently
            List<Relationship> relationships = t.relationships().stream()
                    .filter(r -> GraphqlNames.valid(r.name())).toList();
            tables.add(relationships.size() == t.relationships().size() && computed.size() == t.computedFields().size()
                    ? t : new TableMetadata(t.table(), t.configuration(), t.isEnum(), relationships,
                    t.selectPermissions(), t.insertPermissions(), t.updatePermissions(), t.deletePermissions(),
                    t.eventTriggers(), computed));
        }
        List<TrackedFunction> functions = new ArrayList<>();
        for (TrackedFunction f : metadata.functions()) {
            FunctionInfo info = catalog.function(f.function()).orElse(null);
            Optional<String> problem = functionProblem(f, info);
            if (problem.isPresent()) {
                problems.add(new Problem(Kind.FUNCTION, f.function(), f.function().name(), problem.get()));
            } else if (info == null || info.arguments().stream().noneMatch(a -> a.name().isEmpty())) {
                // an unnamed argument has no GraphQL name yet (Hasura calls it arg_<n>): not served, not refused
                functions.add(f);
            }
        }
        if (problems.isEmpty() && tables.equals(metadata.tables()) && functions.equals(metadata.functions())) {
            return new ServableMetadata(metadata, problems);
        }
        return new ServableMetadata(new Metadata(metadata.document(), metadata.resourceVersion(), tables, functions,
                metadata.inheritedRoles(), metadata.apiLimits(), metadata.introspectionDisabledFor()), problems);
    }

    /**
     * Why the table cannot be in the schema: a custom name that is not a GraphQL name, a column without one, or a
     * column whose type has none.
     */
    private static Optional<String> tableProblem(TableMetadata t, TableInfo info) {
        TableConfiguration c = t.configuration();
        List<String> custom = new ArrayList<>();
        if (c.customName() != null) {
            custom.add(c.customName());
        }
        custom.addAll(c.customRootFields().values());
        custom.addAll(c.customColumnNames().values());
        for (String name : custom) {
            if (!GraphqlNames.valid(name)) {
                return Optional.of(GraphqlNames.notValid(name));
            }
        }
        String typeName = c.customName() != null ? c.customName() : t.table().defaultGraphqlName();
        if (!GraphqlNames.valid(typeName)) {
            return Optional.of("cannot include \"" + t.table() + "\" in the GraphQL schema because \"" + typeName
                    + "\" is not a valid GraphQL identifier");
        }
        if (info != null) {
            for (ColumnInfo column : info.columns()) {
                if (!GraphqlNames.valid(c.customColumnNames().getOrDefault(column.name(), column.name()))) {
                    return Optional.of(GraphqlNames.cannotInclude(column.name()));
                }
                // the column's GraphQL scalar is named after its (element) type
                if (!GraphqlNames.valid(column.typeName())) {
                    return Optional.of(GraphqlNames.cannotUseType(column.typeName()));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> functionProblem(TrackedFunction f, FunctionInfo info) {
        for (String name : f.customRootFields().values()) {
            if (!GraphqlNames.valid(name)) {
                return Optional.of(GraphqlNames.notValid(name));
            }
        }
        if (f.customName() != null && !GraphqlNames.valid(f.customName())) {
            return Optional.of(GraphqlNames.notValid(f.customName()));
        }
        String cannot = "the function \"" + display(f.function()) + "\" cannot be tracked because ";
        if (!GraphqlNames.valid(f.function().defaultGraphqlName())) {
            return Optional.of(cannot + "function name is not a legal GraphQL identifier");
        }
        List<String> invalidArguments = info == null ? List.of() : info.arguments().stream()
                .map(FunctionInfo.Argument::name).filter(n -> !n.isEmpty() && !GraphqlNames.valid(n)).toList();
        if (!invalidArguments.isEmpty()) {
            return Optional.of(cannot + "the function arguments " + String.join(",", invalidArguments)
                    + " are not in compliance with GraphQL spec");
        }
        if (info != null) {
            for (FunctionInfo.Argument a : info.arguments()) {
                if (!GraphqlNames.valid(a.typeName())) {
                    return Optional.of(GraphqlNames.cannotUseType(a.typeName()));
                }
            }
        }
        return Optional.empty();
    }

    /** Hasura's name of a function in messages: without the schema when it is {@code public}. */
    private static String display(QualifiedTable function) {
        return "public".equals(function.schema()) ? function.name() : function.toString();
    }
}
