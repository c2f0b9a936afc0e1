package io.threefactor.engine.boot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.threefactor.engine.config.DatabaseProducer;
import io.threefactor.engine.config.EngineConfig;
import io.threefactor.engine.metadata.MetadataParser;
import io.threefactor.engine.project.MetadataDirectoryReader;
import io.threefactor.engine.project.MigrationRunner;
import io.threefactor.engine.project.ProjectApplyException;
import io.threefactor.engine.project.ProjectFiles;
import io.threefactor.engine.runtime.Blocking;
import io.threefactor.engine.runtime.EngineSnapshot;
import io.threefactor.engine.runtime.MetadataStore;
import io.threefactor.engine.runtime.ProjectMetadataApplied;
import io.threefactor.engine.runtime.StartupState;
import io.threefactor.engine.runtime.Snapshots;
import io.vertx.sqlclient.Pool;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;

/**
 * Start-up: applies the project (migrations, metadata, seeds), loads the first snapshot, then reports the engine
 * ready, or exits in the one-shot apply mode.
 */
@Singleton
public class EngineStartup {

    private static final Logger LOG = Logger.getLogger(EngineStartup.class);
    private static final String BUNDLED_APP = "threefactor/app";

    private final Pool pool;
    private final ObjectMapper json;
    private final EngineConfig config;
    private final DatabaseProducer database;
    private final MetadataStore store;
    private final Snapshots snapshots;
    private final StartupState startup;
    private final Event<ProjectMetadataApplied> metadataApplied;

    @Inject
    EngineStartup(Pool pool, ObjectMapper json, EngineConfig config, DatabaseProducer database, MetadataStore store,
                  Snapshots snapshots, StartupState startup, Event<ProjectMetadataApplied> metadataApplied) {
        this.pool = pool;
        this.json = json;
        this.config = config;
        this.database = database;
        this.store = store;
        this.snapshots = snapshots;
        this.startup = startup;
        this.metadataApplied = metadataApplied;
    }

    void onStart(@Observes StartupEvent event) {
        Blocking.await(store.ensureSchema(), Duration.ofSeconds(60));
        boolean applied = applyProjectIfAny();
        EngineSnapshot snapshot = Blocking.await(snapshots.reload(), Duration.ofSeconds(60));
        snapshot.role("admin");
        if (config.applyAndExit()) {
            if (applied) {
                LOG.infof("project applied: %d tracked tables, metadata version %d; exiting (threefactor.apply-and-exit)",
                        snapshot.metadata().tables().size(), snapshot.metadata().resourceVersion());
            }
            Quarkus.asyncExit(applied ? 0 : 1);
            return;
        }
        startup.markReady();
        LOG.infof("threefactor engine ready: %d tracked tables, metadata version %d",
                snapshot.metadata().tables().size(), snapshot.metadata().resourceVersion());
    }

    /** Applies the project, if any; false when it failed in the one-shot mode (which then exits 1). */
    private boolean applyProjectIfAny() {
        try {
            projectToApply().ifPresent(this::applyProject);
            return true;
        } catch (RuntimeException e) {
            if (!config.applyAndExit()) {
                throw e;
            }
            // The release job's log shows the failed file and Postgres's error, not a stack trace.
            LOG.errorf("project not applied: %s", rootMessage(e));
            return false;
        }
    }

    private Optional<ProjectFiles> projectToApply() {
        if (config.applyAndExit() && config.projectDir().isEmpty()) {
            throw new IllegalStateException("threefactor.apply-and-exit needs a project: set THREEFACTOR_PROJECT_DIR");
        }
        if (config.projectDir().isPresent()) {
            return Optional.of(ProjectFiles.directory(config.projectDir().get()));
        }
        boolean example = config.exampleApp().orElseGet(database::embedded);
        return example ? Optional.of(ProjectFiles.classpath(BUNDLED_APP)) : Optional.empty();
    }

    /**
     * Applies pending migrations, replaces metadata with the project's, then seeds a fresh database: the order of
     * Hasura's CLI ({@code migrate apply}, {@code metadata apply}, {@code seed apply}), so seed rows raise events.
     */
    private void applyProject(ProjectFiles files) {
        MigrationRunner runner = new MigrationRunner(pool);
        int applied = Blocking.await(runner.migrate(files, "default"), Duration.ofMinutes(5));
        boolean fresh = applied > 0 && applied == files.list("migrations/default/").stream()
                .filter(p -> p.endsWith("/up.sql")).count();
        if (files.read("metadata/version.yaml").isPresent()) {
            ObjectNode document = new MetadataDirectoryReader(json).read(files, "metadata");
            long version = Blocking.await(store.save(document, -1), Duration.ofSeconds(60));
            metadataApplied.fire(new ProjectMetadataApplied(new MetadataParser().parse(document, version)));
        }
        if (fresh && !files.list("seeds/default/").isEmpty()) {
            Blocking.await(runner.seed(files, "default"), Duration.ofMinutes(5));
            LOG.info("seeded the fresh database");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof ProjectApplyException)) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
