package io.threefactor.engine.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.threefactor.engine.catalog.CatalogReader;
import io.threefactor.engine.catalog.EnumValuesReader;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.metadata.Metadata;
import io.threefactor.engine.metadata.TableMetadata;
import java.util.List;
import io.threefactor.engine.config.DatabaseProducer;
import io.threefactor.engine.config.Databases;
import io.threefactor.engine.config.EngineConfig;
import io.threefactor.engine.execute.GraphqlExecutor;
import io.threefactor.engine.execute.PlanCache;
import io.threefactor.engine.metadata.MetadataParser;
import io.threefactor.engine.metadata.MetadataStore;
import io.threefactor.engine.parse.DocumentPreparer;
import io.threefactor.engine.plan.QueryPlanner;
import io.threefactor.engine.project.MetadataDirectoryReader;
import io.threefactor.engine.project.MigrationRunner;
import io.threefactor.engine.project.ProjectFiles;
import io.threefactor.engine.schema.SchemaBuilder;
import io.threefactor.engine.sql.SqlCompiler;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The running engine: loads the project and metadata at start-up, holds the current snapshot, and rebuilds
 * it when metadata or the database schema changes.
 */
@Singleton
public class Engine {

    private static final Logger LOG = Logger.getLogger(Engine.class);
    private static final String BUNDLED_APP = "threefactor/app";

    @Inject
    Pool pool;

    @Inject
    Databases databases;

    @Inject
    ObjectMapper json;

    @Inject
    EngineConfig config;

    @Inject
    DatabaseProducer database;

    @Inject
    jakarta.enterprise.event.Event<ProjectMetadataApplied> metadataApplied;

    private final AtomicLong generations = new AtomicLong();
    private final List<java.util.function.Consumer<EngineSnapshot>> reloadListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile EngineSnapshot snapshot;
    private volatile boolean ready;
    private GraphqlExecutor executor;
    private MetadataStore store;
    private final SchemaBuilder schemaBuilder = new SchemaBuilder(java.util.List.of(new io.threefactor.engine.schema.MutationTypes()));

    void onStart(@Observes StartupEvent event) {
        store = new MetadataStore(pool, json);
        executor = new GraphqlExecutor(json, new DocumentPreparer(json, config.maxQueryTokens(), config.maxQueryDepth()),
                new QueryPlanner(new io.threefactor.engine.plan.MutationPlanner()), new SqlCompiler(),
                new PlanCache(config.planCacheSize(), config.planCacheSize()));
        Blocking.await(store.ensureSchema(), Duration.ofSeconds(60));
        boolean applied = applyProjectIfAny();
        Blocking.await(reload(), Duration.ofSeconds(60));
        snapshot.role("admin");
        if (config.applyAndExit()) {
            if (applied) {
                LOG.infof("project applied: %d tracked tables, metadata version %d; exiting (threefactor.apply-and-exit)",
                        snapshot.metadata().tables().size(), snapshot.metadata().resourceVersion());
            }
            Quarkus.asyncExit(applied ? 0 : 1);
            return;
        }
        ready = true;
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

    /** Re-reads metadata and the catalog and swaps in a new snapshot. */
    public Future<EngineSnapshot> reload() {
        return store.load().compose(stored -> new CatalogReader(json).read(pool).compose(catalog -> {
            Metadata metadata = new MetadataParser().parse(stored.document(), stored.resourceVersion());
            List<QualifiedTable> enumTables = metadata.tables().stream().filter(TableMetadata::isEnum)
                    .map(TableMetadata::table).toList();
            return new EnumValuesReader(json).read(pool, catalog, enumTables).map(values -> {
                EngineSnapshot next = new EngineSnapshot(generations.incrementAndGet(), metadata,
                        catalog.withEnumValues(values), schemaBuilder, config.roleRowLimits());
                snapshot = next;
                reloadListeners.forEach(l -> l.accept(next));
                return next;
            });
        }));
    }

    /** Called with every snapshot a reload swaps in (e.g. running subscriptions are planned again). */
    public void onReload(java.util.function.Consumer<EngineSnapshot> listener) {
        reloadListeners.add(listener);
    }

    public EngineSnapshot snapshot() {
        return snapshot;
    }

    public boolean ready() {
        return ready;
    }

    public GraphqlExecutor executor() {
        return executor;
    }

    public MetadataStore metadataStore() {
        return store;
    }

    /** The primary and the read replicas, for GraphQL operations. */
    public Databases databases() {
        return databases;
    }

    public Pool pool() {
        return pool;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof io.threefactor.engine.project.ProjectApplyException)) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
