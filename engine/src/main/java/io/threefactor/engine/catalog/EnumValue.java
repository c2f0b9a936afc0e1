package io.threefactor.engine.catalog;

/** A row of an enum table: the value (its primary key) and an optional description. */
public record EnumValue(String value, String comment) { }
