package io.threefactor.engine.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.StartupEvent;
import io.threefactor.engine.catalog.CatalogReader;
import io.threefactor.engine.catalog.EnumValuesReader;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.metadata.Metadata;
import io.threefactor.engine.metadata.TableMetadata;
import java.util.List;
import io.threefactor.engine.config.DatabaseProducer;
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
    ObjectMapper json;

    @Inject
    EngineConfig config;

    @Inject
    DatabaseProducer database;

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
        await(store.ensureSchema(), Duration.ofSeconds(60));
        projectToApply().ifPresent(this::applyProject);
        await(reload(), Duration.ofSeconds(60));
        snapshot.role("admin");
        ready = true;
        LOG.infof("threefactor engine ready: %d tracked tables, metadata version %d",
                snapshot.metadata().tables().size(), snapshot.metadata().resourceVersion());
    }

    private Optional<ProjectFiles> projectToApply() {
        if (config.projectDir().isPresent()) {
            return Optional.of(ProjectFiles.directory(config.projectDir().get()));
        }
        boolean example = config.exampleApp().orElseGet(database::embedded);
        return example ? Optional.of(ProjectFiles.classpath(BUNDLED_APP)) : Optional.empty();
    }

    /** Applies pending migrations, seeds a fresh database, and replaces metadata with the project's. */
    private void applyProject(ProjectFiles files) {
        MigrationRunner runner = new MigrationRunner(pool);
        int applied = await(runner.migrate(files, "default"), Duration.ofMinutes(5));
        boolean fresh = applied > 0 && applied == files.list("migrations/default/").stream()
                .filter(p -> p.endsWith("/up.sql")).count();
        if (fresh && !files.list("seeds/default/").isEmpty()) {
            await(runner.seed(files, "default"), Duration.ofMinutes(5));
            LOG.info("seeded the fresh database");
        }
        if (files.read("metadata/version.yaml").isPresent()) {
            ObjectNode document = new MetadataDirectoryReader(json).read(files, "metadata");
            await(store.save(document, -1), Duration.ofSeconds(60));
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

    public Pool pool() {
        return pool;
    }

    static <T> T await(Future<T> future, Duration timeout) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
