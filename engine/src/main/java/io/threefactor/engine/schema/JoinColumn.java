package io.threefactor.engine.schema;

/** One equality of a relationship join: {@code source.sourceColumn = target.targetColumn}. */
public record JoinColumn(String sourceColumn, String targetColumn) { }
