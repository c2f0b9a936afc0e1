package io.threefactor.engine.schema;

/** A root field bound to the table it serves (and, for tracked functions, the function it calls). */
public record RootField(String name, RootFieldKind kind, TableModel table, FunctionModel function) {

    public RootField(String name, RootFieldKind kind, TableModel table) {
        this(name, kind, table, null);
    }
}
