package io.threefactor.engine.events;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/** The coaching app with its event webhooks served by the test and a RabbitMQ channel ({@link EventsDatabase}). */
public class EventsProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(EventsDatabase.class));
    }
}
