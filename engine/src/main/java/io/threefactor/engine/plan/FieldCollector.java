package io.threefactor.engine.plan;

import graphql.language.Directive;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

/**
 * Collects the fields of selection sets per response key, as GraphQL's CollectFields does: fragments are
 * inlined when their type condition matches, {@code @skip}/{@code @include} applied, same-key fields merged.
 */
final class FieldCollector {

    private final Map<String, FragmentDefinition> fragments;
    private final InputReader inputs;

    FieldCollector(Map<String, FragmentDefinition> fragments, InputReader inputs) {
        this.fragments = fragments;
        this.inputs = inputs;
    }

    /** Fields by response key, in document order; each list holds the fields merged under that key. */
    Map<String, List<Field>> collect(List<Field> parents, String typeName) {
        Map<String, List<Field>> out = new LinkedHashMap<>();
        for (Field parent : parents) {
            if (parent.getSelectionSet() != null) {
                collect(parent.getSelectionSet(), typeName, out, new HashSet<>());
            }
        }
        return out;
    }

    Map<String, List<Field>> collect(SelectionSet set, String typeName) {
        Map<String, List<Field>> out = new LinkedHashMap<>();
        collect(set, typeName, out, new HashSet<>());
        return out;
    }

    private void collect(SelectionSet set, String typeName, Map<String, List<Field>> out, Set<String> visited) {
        for (Selection<?> s : set.getSelections()) {
            if (s instanceof Field f) {
                if (included(f.getDirectives())) {
                    String key = f.getAlias() != null ? f.getAlias() : f.getName();
                    out.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
                }
            } else if (s instanceof InlineFragment inline) {
                if (included(inline.getDirectives()) && (inline.getTypeCondition() == null
                        || inline.getTypeCondition().getName().equals(typeName))) {
                    collect(inline.getSelectionSet(), typeName, out, visited);
                }
            } else if (s instanceof FragmentSpread spread) {
                FragmentDefinition def = fragments.get(spread.getName());
                if (def != null && included(spread.getDirectives()) && visited.add(spread.getName())
                        && def.getTypeCondition().getName().equals(typeName)) {
                    collect(def.getSelectionSet(), typeName, out, visited);
                }
            }
        }
    }

    private boolean included(List<Directive> directives) {
        for (Directive d : directives) {
            if (d.getName().equals("skip") && condition(d)) {
                return false;
            }
            if (d.getName().equals("include") && !condition(d)) {
                return false;
            }
        }
        return true;
    }

    private boolean condition(Directive d) {
        Input value = inputs.read(d.getArgument("if").getValue());
        return Boolean.TRUE.equals(Constants.require(value));
    }

    static String responseKey(Field f) {
        return f.getAlias() != null ? f.getAlias() : f.getName();
    }

}
