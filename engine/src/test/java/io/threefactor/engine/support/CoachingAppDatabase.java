package io.threefactor.engine.support;

/** A fresh database on which the engine applies the bundled coaching app (from the schema module's jar). */
public class CoachingAppDatabase extends FixtureDatabase {

    public CoachingAppDatabase() {
        super("tf_engine_app", null);
    }
}
