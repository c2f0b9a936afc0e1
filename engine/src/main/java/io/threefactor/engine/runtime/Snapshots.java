package io.threefactor.engine.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.threefactor.engine.catalog.CatalogReader;
import io.threefactor.engine.catalog.EnumValuesReader;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.config.EngineConfig;
import io.threefactor.engine.metadata.Metadata;
import io.threefactor.engine.metadata.MetadataParser;
import io.threefactor.engine.metadata.TableMetadata;
import io.threefactor.engine.schema.MutationTypes;
import io.threefactor.engine.schema.SchemaBuilder;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Holds the current {@link EngineSnapshot} and swaps in a new one when metadata or the database schema changes.
 * Everything that serves requests reads the snapshot here, once per request.
 */
@Singleton
public class Snapshots {

    private final Pool pool;
    private final ObjectMapper json;
    private final EngineConfig config;
    private final MetadataStore store;
    private final SchemaBuilder schemaBuilder = new SchemaBuilder(List.of(new MutationTypes()));
    private final AtomicLong generations = new AtomicLong();
    private final List<Consumer<EngineSnapshot>> reloadListeners = new CopyOnWriteArrayList<>();
    private volatile EngineSnapshot current;

    @Inject
    public Snapshots(Pool pool, ObjectMapper json, EngineConfig config, MetadataStore store) {
        this.pool = pool;
        this.json = json;
        this.config = config;
        this.store = store;
    }

    /** The snapshot requests are served from; null before the first load. */
    public EngineSnapshot current() {
        return current;
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
                current = next;
                reloadListeners.forEach(l -> l.accept(next));
                return next;
            });
        }));
    }

    /** Called with every snapshot a reload swaps in (e.g. running subscriptions are planned again). */
    public void onReload(Consumer<EngineSnapshot> listener) {
        reloadListeners.add(listener);
    }
}
