package io.threefactor.engine.plan;

import java.util.Set;

/**
 * Thrown when a variable that was to be a bound parameter turns out to shape the SQL ({@code @skip(if: $x)},
 * {@code distinct: $d}). The caller marks the variables plan-shaping and plans again.
 */
public final class NeedsConstantException extends RuntimeException {

    private final Set<String> variables;

    public NeedsConstantException(Set<String> variables) {
        super("variables shape the plan: " + variables, null, false, false);
        this.variables = Set.copyOf(variables);
    }

    public Set<String> variables() {
        return variables;
    }
}
