package io.threefactor.triggers.definition;

/** A trigger definition that cannot be installed; the message is fit for an API error. */
public class InvalidDefinitionException extends IllegalArgumentException {
    public InvalidDefinitionException(String message) {
        super(message);
    }
}
