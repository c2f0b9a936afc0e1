package io.threefactor.functions.event;

/** The request is not a usable event payload; retrying it cannot help (HTTP 400). */
public class BadEventException extends RuntimeException {

    public BadEventException(String message) {
        super(message);
    }
}
