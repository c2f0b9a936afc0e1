package io.threefactor.engine.ops;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import io.threefactor.engine.runtime.Snapshots;
import io.vertx.sqlclient.Pool;
import io.threefactor.engine.runtime.StartupState;

/**
 * {@code /q/health/live}: the process answers. {@code /q/health/ready}: metadata is loaded ({@link Engine#ready()})
 * and a {@code SELECT 1} on the engine's pool succeeds within two seconds. Hasura's {@code /healthz} is unchanged.
 */
public final class EngineHealthChecks {

    private EngineHealthChecks() { }

    @Liveness
    @ApplicationScoped
    public static class Live implements AsyncHealthCheck {
        @Override
        public Uni<HealthCheckResponse> call() {
            return Uni.createFrom().item(HealthCheckResponse.up("threefactor"));
        }
    }

    @Readiness
    @ApplicationScoped
    public static class Ready implements AsyncHealthCheck {

        @Inject
        Snapshots snapshots;

        @Inject
        Pool pool;

        @Inject
        StartupState startup;

        @Override
        public Uni<HealthCheckResponse> call() {
            if (!startup.ready()) {
                return Uni.createFrom().item(HealthCheckResponse.named("threefactor-database")
                        .down().withData("metadata", "loading").build());
            }
            return Uni.createFrom().completionStage(() -> pool.query("SELECT 1").execute().toCompletionStage())
                    .ifNoItem().after(Duration.ofSeconds(2)).fail()
                    .map(rows -> HealthCheckResponse.named("threefactor-database").up()
                            .withData("metadata_version", snapshots.current().metadata().resourceVersion()).build())
                    .onFailure().recoverWithItem(e -> HealthCheckResponse.named("threefactor-database").down()
                            .withData("error", String.valueOf(e.getMessage())).build());
        }
    }
}
