package io.threefactor.engine.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import io.micrometer.core.instrument.Tag;

/**
 * Names the Vert.x SQL client metrics Quarkus records for the engine's clients: they come prefixed by the client's
 * metrics name ({@code threefactor-engine.processing}, {@code threefactor-events-wakeup.queue.size}, … tagged
 * {@code clientType=sql}) and become {@code threefactor.sql.processing} (SQL time per statement: Prometheus
 * {@code threefactor_sql_processing_seconds}), {@code threefactor.sql.queue.*}, {@code threefactor.sql.current}, …
 * with the client as tag {@code client} (the engine's pool, the event deliverer, the listening connections), so
 * each client's gauges register once and the timers add up across clients.
 */
@Singleton
public class SqlMetricNames {

    @Produces
    @Singleton
    MeterFilter sqlClientNames() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                int dot = id.getName().indexOf('.');
                if (dot < 0 || !"sql".equals(id.getTag("clientType")) || id.getName().startsWith("threefactor.sql.")) {
                    return id;
                }
                String client = dot == 0 ? "default" : id.getName().substring(0, dot);
                return id.withName("threefactor.sql" + id.getName().substring(dot))
                        .withTag(Tag.of("client", client));
            }
        };
    }
}
