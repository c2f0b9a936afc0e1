package io.threefactor.triggers.capture;

import java.util.List;

/** What capture needs to know about a table: its columns and primary key, in order. */
public record TableShape(List<String> columns, List<String> primaryKey) {
    public TableShape {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }
}
