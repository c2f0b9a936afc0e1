package io.threefactor.engine.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * A one-shot signal that the request's answer is no longer wanted (its client closed the connection): whatever
 * registered to hear it stops its work, so a disconnected client leaves no statement running.
 */
public final class Cancellation {

    private final List<Runnable> listeners = new ArrayList<>();
    private boolean cancelled;

    /** A signal that never fires, for work no client waits on. */
    public static Cancellation none() {
        return new Cancellation();
    }

    /** Runs {@code listener} when the signal fires (at once if it already has). */
    public synchronized void onCancel(Runnable listener) {
        if (cancelled) {
            listener.run();
        } else {
            listeners.add(listener);
        }
    }

    public void cancel() {
        List<Runnable> fire;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            fire = List.copyOf(listeners);
            listeners.clear();
        }
        fire.forEach(Runnable::run);
    }

    public synchronized boolean cancelled() {
        return cancelled;
    }
}
