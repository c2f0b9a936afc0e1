package io.threefactor.engine.error;

/** One entry of Hasura's {@code errors}: {@code {"message":…,"extensions":{"path":…,"code":…}}}. */
public record GraphqlError(String message, String path, String code) { }
