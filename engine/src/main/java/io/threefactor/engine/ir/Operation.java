package io.threefactor.engine.ir;

import java.util.List;

/** A planned GraphQL operation: what each root field fetches or changes, permissions already applied. */
public record Operation(Kind kind, List<RootNode> roots) {

    public enum Kind { QUERY, MUTATION, SUBSCRIPTION }

    public Operation {
        roots = List.copyOf(roots);
    }

    /** Whether every root is a constant, so no SQL needs to run. */
    public boolean constant() {
        return roots.stream().allMatch(r -> r instanceof RootNode.Constant);
    }
}
