package io.threefactor.engine.subscription;

/** Where a subscription's results go: a WebSocket operation of one connection. Called from any thread. */
public interface SubscriptionSink {

    /** A new result: the {@code data} object as JSON text. */
    void next(String data);

    /** The subscription failed and is over. */
    void error(Throwable failure);
}
