package io.threefactor.engine.parse;

import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import io.threefactor.engine.error.PlanningException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The size of a document with its fragments expanded: deepest field nesting and number of fields. Each fragment
 * is measured once and remembered, so the work is linear in the document however often fragments spread each
 * other (a few hundred bytes of doubling fragments expand to 2^40 fields). Fragment cycles are refused here,
 * before anything else walks the document, with Hasura's message.
 */
public final class DocumentSize {

    /** Sizes saturate here: far above any limit, far below overflow when two are added. */
    static final long SATURATED = 1L << 40;

    /** Depth and field count of one selection set, fragments expanded. */
    public record Size(int depth, long nodes) {
        static final Size EMPTY = new Size(0, 0);
    }

    private final Map<String, FragmentDefinition> fragments;
    private final Map<String, Size> measured = new HashMap<>();
    private final List<String> stack = new ArrayList<>();
    private final Set<String> onStack = new HashSet<>();
    private final Map<OperationDefinition, Size> operations = new IdentityHashMap<>();
    private long largest;

    private DocumentSize(Map<String, FragmentDefinition> fragments) {
        this.fragments = fragments;
    }

    /** Measures every operation and every fragment of the document; a fragment cycle is a validation error. */
    public static DocumentSize of(Document document) {
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        for (Definition<?> d : document.getDefinitions()) {
            if (d instanceof FragmentDefinition f) {
                fragments.putIfAbsent(f.getName(), f);
            }
        }
        DocumentSize size = new DocumentSize(fragments);
        // operations first, so a cycle is named from where the operation enters it, as Hasura does
        for (Definition<?> d : document.getDefinitions()) {
            if (d instanceof OperationDefinition op) {
                Size s = size.measure(op.getSelectionSet());
                size.operations.put(op, s);
                size.largest = Math.max(size.largest, s.nodes());
            }
        }
        for (String name : fragments.keySet()) {
            size.largest = Math.max(size.largest, size.fragment(name).nodes());
        }
        return size;
    }

    /** The operation's size; an operation of another document counts as empty. */
    public Size of(OperationDefinition operation) {
        return operations.getOrDefault(operation, Size.EMPTY);
    }

    /** The most fields any operation or fragment of the document selects once expanded (saturated). */
    public long largestNodes() {
        return largest;
    }

    private Size measure(SelectionSet set) {
        if (set == null) {
            return Size.EMPTY;
        }
        int depth = 0;
        long nodes = 0;
        for (Selection<?> s : set.getSelections()) {
            Size inner;
            if (s instanceof Field f) {
                Size children = measure(f.getSelectionSet());
                inner = new Size(children.depth() + 1, children.nodes() + 1);
            } else if (s instanceof InlineFragment inline) {
                inner = measure(inline.getSelectionSet());
            } else if (s instanceof FragmentSpread spread && fragments.containsKey(spread.getName())) {
                inner = fragment(spread.getName());
            } else {
                inner = Size.EMPTY; // an unknown fragment: validation names it
            }
            depth = Math.max(depth, inner.depth());
            nodes = Math.min(SATURATED, nodes + inner.nodes());
        }
        return new Size(depth, nodes);
    }

    private Size fragment(String name) {
        Size known = measured.get(name);
        if (known != null) {
            return known;
        }
        if (onStack.contains(name)) {
            int entered = stack.indexOf(name);
            throw PlanningException.validation("the fragment definition(s) "
                    + englishList(stack.subList(entered, stack.size())) + " form a cycle", "$.selectionSet");
        }
        stack.add(name);
        onStack.add(name);
        Size size = measure(fragments.get(name).getSelectionSet());
        stack.remove(stack.size() - 1);
        onStack.remove(name);
        measured.put(name, size);
        return size;
    }

    /** Hasura's {@code englishList "and"}: {@code A}, {@code A and B}, {@code A, B, and C}. */
    private static String englishList(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        if (names.size() == 2) {
            return names.get(0) + " and " + names.get(1);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + ", and " + names.get(names.size() - 1);
    }
}
