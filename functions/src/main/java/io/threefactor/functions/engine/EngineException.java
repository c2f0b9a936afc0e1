package io.threefactor.functions.engine;

import io.threefactor.functions.event.RetryableException;

/** The engine could not be reached or answered with GraphQL errors. */
public class EngineException extends RetryableException {

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }

    public EngineException(String message) {
        super(message);
    }
}
