package io.threefactor.engine.error;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A metadata API failure in Hasura's flat shape: {@code {"path":"$.args","error":"…","code":"not-exists"}} with an
 * HTTP status (400 unless said otherwise) and, for inconsistencies, Hasura's {@code internal} list.
 */
public class MetadataApiException extends RuntimeException {

    private final String code;
    private final String path;
    private final int status;
    private final transient JsonNode internal;

    public MetadataApiException(String code, String message, String path, int status, JsonNode internal) {
        super(message, null, false, false);
        this.code = code;
        this.path = path;
        this.status = status;
        this.internal = internal;
    }

    public MetadataApiException(String code, String message, String path) {
        this(code, message, path, 400, null);
    }

    public MetadataApiException(String code, String message) {
        this(code, message, "$.args");
    }

    public static MetadataApiException notExists(String message) {
        return new MetadataApiException("not-exists", message);
    }

    public static MetadataApiException alreadyExists(String message) {
        return new MetadataApiException("already-exists", message);
    }

    public static MetadataApiException validation(String message) {
        return new MetadataApiException("validation-failed", message);
    }

    public static MetadataApiException parse(String message, String path) {
        return new MetadataApiException("parse-failed", message, path);
    }

    /** The same error reported under another path (a bulk item: {@code $.args[2].args}). */
    public MetadataApiException at(String newPath) {
        return new MetadataApiException(code, getMessage(), newPath, status, internal);
    }

    public String code() {
        return code;
    }

    public String path() {
        return path;
    }

    public int status() {
        return status;
    }

    public JsonNode internal() {
        return internal;
    }
}
