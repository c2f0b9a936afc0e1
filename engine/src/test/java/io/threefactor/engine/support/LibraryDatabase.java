package io.threefactor.engine.support;

/** A fresh database with the library fixture project (migrations + metadata) applied by the engine at start. */
public class LibraryDatabase extends FixtureDatabase {

    public LibraryDatabase() {
        super("tf_engine", "library");
    }
}
