package io.threefactor.engine.metadata;

import java.util.List;

/** A permission's column list: Hasura accepts {@code "*"} for every column or an explicit list. */
public record ColumnSet(boolean all, List<String> names) {

    public static final ColumnSet ALL = new ColumnSet(true, List.of());
    public static final ColumnSet NONE = new ColumnSet(false, List.of());

    public ColumnSet {
        names = List.copyOf(names);
    }

    public boolean contains(String column) {
        return all || names.contains(column);
    }
}
