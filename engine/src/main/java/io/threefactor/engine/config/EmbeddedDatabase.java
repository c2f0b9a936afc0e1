package io.threefactor.engine.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The zero-configuration default: a real PostgreSQL (zonky's packaged binaries, fetched from Maven Central
 * with the build) in a data directory that survives restarts.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(Path dataDir, int port) {
        try {
            Path dir = dataDir.toAbsolutePath();
            Files.createDirectories(dir);
            int chosen = port > 0 ? port : freePort();
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPort(chosen)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setOverrideWorkingDirectory(dir.getParent().resolve("pgbin").toFile())
                    .start();
            LOG.infof("embedded PostgreSQL started on 127.0.0.1:%d, data in %s", chosen, dir);
            return new EmbeddedDatabase(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
    }

    public String url() {
        return "postgres://postgres@127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
