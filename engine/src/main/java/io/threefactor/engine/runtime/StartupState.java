package io.threefactor.engine.runtime;

import jakarta.inject.Singleton;

/** Whether start-up has finished: the project is applied and the first snapshot serves requests. */
@Singleton
public class StartupState {

    private volatile boolean ready;

    public boolean ready() {
        return ready;
    }

    public void markReady() {
        ready = true;
    }
}
