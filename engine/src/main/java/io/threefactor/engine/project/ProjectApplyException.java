package io.threefactor.engine.project;

/** A migration or seed file of a project failed; the message names the file and Postgres's error. */
public final class ProjectApplyException extends RuntimeException {

    public ProjectApplyException(String message, Throwable cause) {
        super(message, cause);
    }
}
