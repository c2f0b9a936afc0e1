package io.threefactor.functions.storage;

import io.threefactor.functions.event.RetryableException;

/** The store could not be read or written; usually transient. */
public class StorageException extends RetryableException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
