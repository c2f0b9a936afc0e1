package io.threefactor.engine.schema;

/** A root field bound to the table it serves. */
public record RootField(String name, RootFieldKind kind, TableModel table) { }
