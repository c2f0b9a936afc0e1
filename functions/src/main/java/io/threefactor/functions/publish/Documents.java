package io.threefactor.functions.publish;

/** The two documents one publication consists of. */
public record Documents(LandingDocument landing, AppDocument app) {
}
