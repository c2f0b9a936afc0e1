package io.threefactor.engine.parse;

import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;

import java.util.Map;

/** The deepest field nesting of a selection set, fragments expanded; checked before anything is planned. */
final class QueryDepth {

    private QueryDepth() { }

    static int of(SelectionSet set, Map<String, FragmentDefinition> fragments) {
        return depth(set, fragments, 0);
    }

    /** How many fields the operation selects, counting each fragment use. */
    static int nodes(SelectionSet set, Map<String, FragmentDefinition> fragments) {
        return nodes(set, fragments, 0);
    }

    private static int nodes(SelectionSet set, Map<String, FragmentDefinition> fragments, int spreads) {
        if (set == null || spreads > fragments.size()) {
            return 0;
        }
        int n = 0;
        for (Selection<?> s : set.getSelections()) {
            if (s instanceof Field f) {
                n += 1 + nodes(f.getSelectionSet(), fragments, spreads);
            } else if (s instanceof InlineFragment inline) {
                n += nodes(inline.getSelectionSet(), fragments, spreads);
            } else if (s instanceof FragmentSpread spread && fragments.containsKey(spread.getName())) {
                n += nodes(fragments.get(spread.getName()).getSelectionSet(), fragments, spreads + 1);
            }
        }
        return n;
    }

    private static int depth(SelectionSet set, Map<String, FragmentDefinition> fragments, int spreads) {
        if (set == null || spreads > fragments.size()) {
            return 0;
        }
        int max = 0;
        for (Selection<?> s : set.getSelections()) {
            if (s instanceof Field f) {
                max = Math.max(max, f.getSelectionSet() == null ? 1 : 1 + depth(f.getSelectionSet(), fragments, spreads));
            } else if (s instanceof InlineFragment inline) {
                max = Math.max(max, depth(inline.getSelectionSet(), fragments, spreads));
            } else if (s instanceof FragmentSpread spread && fragments.containsKey(spread.getName())) {
                max = Math.max(max, depth(fragments.get(spread.getName()).getSelectionSet(), fragments, spreads + 1));
            }
        }
        return max;
    }
}
