package io.threefactor.engine.schema;

/** A metadata object that does not match the database, reported by {@code get_inconsistent_metadata}. */
public record InconsistentObject(String type, String name, String reason, Object definition) { }
