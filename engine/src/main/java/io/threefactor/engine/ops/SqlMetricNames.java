package io.threefactor.engine.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Names the Vert.x SQL client metrics Quarkus records for the engine's pools: they come without a prefix
 * ({@code .processing}, {@code .queue.size}, … tagged {@code clientType=sql}) and become
 * {@code threefactor.sql.processing} (SQL time per statement: Prometheus {@code threefactor_sql_processing_seconds}),
 * {@code threefactor.sql.queue.*}, {@code threefactor.sql.current}, …
 */
@Singleton
public class SqlMetricNames {

    @Produces
    @Singleton
    MeterFilter sqlClientNames() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getName().startsWith(".") && "sql".equals(id.getTag("clientType"))) {
                    return id.withName("threefactor.sql" + id.getName());
                }
                return id;
            }
        };
    }
}
