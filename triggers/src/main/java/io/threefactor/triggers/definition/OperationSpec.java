package io.threefactor.triggers.definition;

/**
 * What one operation (insert, update or delete) captures. {@code columns}: for update, the columns whose change fires
 * the trigger; {@code payload}: the columns sent in {@code data.old}/{@code data.new}.
 */
public record OperationSpec(ColumnSelection columns, ColumnSelection payload) {
    public OperationSpec {
        columns = columns == null ? ColumnSelection.ALL : columns;
        payload = payload == null ? ColumnSelection.ALL : payload;
    }

    public static OperationSpec allColumns() {
        return new OperationSpec(ColumnSelection.ALL, ColumnSelection.ALL);
    }
}
