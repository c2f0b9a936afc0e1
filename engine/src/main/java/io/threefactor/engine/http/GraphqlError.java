package io.threefactor.engine.http;

/** One entry of Hasura's {@code errors}: {@code {"message":…,"extensions":{"path":…,"code":…}}}. */
public record GraphqlError(String message, String path, String code) { }
