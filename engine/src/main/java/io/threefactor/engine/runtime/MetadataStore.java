package io.threefactor.engine.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import io.threefactor.engine.metadata.Metadata;
import io.threefactor.engine.metadata.MetadataParser;

/**
 * Metadata kept where Hasura keeps it, {@code hdb_catalog.hdb_metadata}, so every instance reads the same
 * document and a change survives restarts. {@code resource_version} increases with every write.
 */
@Singleton
public class MetadataStore {

    public static final String CHANGE_CHANNEL = "threefactor_metadata";

    private static final String SCHEMA_DDL = """
            CREATE SCHEMA IF NOT EXISTS hdb_catalog;
            CREATE TABLE IF NOT EXISTS hdb_catalog.hdb_metadata (
              id integer PRIMARY KEY,
              metadata json NOT NULL,
              resource_version integer NOT NULL DEFAULT 1 UNIQUE
            );
            CREATE TABLE IF NOT EXISTS hdb_catalog.hdb_version (
              hasura_uuid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
              version text NOT NULL,
              upgraded_on timestamptz NOT NULL DEFAULT now(),
              cli_state jsonb NOT NULL DEFAULT '{}'::jsonb,
              console_state jsonb NOT NULL DEFAULT '{}'::jsonb
            );
            """;

    private final Pool pool;
    private final ObjectMapper json;

    @Inject
    public MetadataStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    public Future<Void> ensureSchema() {
        // Several instances may start at once: serialise the DDL with an advisory lock.
        return pool.withTransaction(c -> c.query("SELECT pg_advisory_xact_lock(4242001)").execute()
                .compose(x -> c.query(SCHEMA_DDL).execute())).mapEmpty();
    }

    /** The stored document and its version, or an empty metadata document at version 0. */
    public Future<StoredMetadata> load() {
        return pool.query("SELECT metadata::text, resource_version FROM hdb_catalog.hdb_metadata WHERE id = 1")
                .execute().map(this::toStored);
    }

    /** Writes a new document; with {@code expectedVersion} ≥ 0 the write fails if another writer got there first. */
    public Future<Long> save(ObjectNode document, long expectedVersion) {
        String text;
        try {
            text = json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            return Future.failedFuture(e);
        }
        return pool.withTransaction(c -> c.preparedQuery("""
                        INSERT INTO hdb_catalog.hdb_metadata (id, metadata, resource_version) VALUES (1, $1::text::json, 1)
                        ON CONFLICT (id) DO UPDATE SET metadata = EXCLUDED.metadata,
                          resource_version = hdb_catalog.hdb_metadata.resource_version + 1
                        WHERE $2::bigint < 0 OR hdb_catalog.hdb_metadata.resource_version = $2::bigint
                        RETURNING resource_version""")
                .execute(Tuple.of(text, expectedVersion))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(new MetadataConflictException(expectedVersion));
                    }
                    long version = rows.iterator().next().getLong(0);
                    return c.query("NOTIFY " + CHANGE_CHANNEL + ", '" + version + "'").execute().map(version);
                }));
    }

    private StoredMetadata toStored(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return new StoredMetadata(emptyDocument(), 0);
        }
        Row row = rows.iterator().next();
        try {
            return new StoredMetadata((ObjectNode) json.readTree(row.getString(0)), row.getLong(1));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("hdb_catalog.hdb_metadata holds invalid JSON", e);
        }
    }

    public ObjectNode emptyDocument() {
        ObjectNode doc = json.createObjectNode();
        doc.put("version", 3);
        ObjectNode source = doc.putArray("sources").addObject();
        source.put("name", MetadataParser.DEFAULT_SOURCE);
        source.put("kind", "postgres");
        source.putArray("tables");
        ObjectNode connection = source.putObject("configuration").putObject("connection_info");
        connection.putObject("database_url").put("from_env", "HASURA_GRAPHQL_DATABASE_URL");
        connection.put("isolation_level", "read-committed");
        connection.put("use_prepared_statements", true);
        return doc;
    }

    public record StoredMetadata(ObjectNode document, long resourceVersion) { }

    /** Another writer changed the metadata since it was read. */
    public static final class MetadataConflictException extends RuntimeException {
        public MetadataConflictException(long expected) {
            super("metadata resource version " + expected + " is stale", null, false, false);
        }
    }
}
