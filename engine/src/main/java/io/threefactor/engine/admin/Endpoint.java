package io.threefactor.engine.admin;

/** Which endpoint an admin request came through: they accept different calls. */
public enum Endpoint { METADATA, QUERY_V1, QUERY_V2 }
