package io.threefactor.engine.project;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.postgresql.Driver;

/**
 * Command line: exports the live metadata of a database ({@code hdb_catalog.hdb_metadata}) as a Hasura v3 metadata
 * directory, like {@code hasura metadata export}:
 * <pre>
 * java -cp engine/target/quarkus-app/lib/main/*:engine/target/quarkus-app/app/* \
 *      io.threefactor.engine.project.ExportMetadata [postgres-url] &lt;directory&gt;
 * </pre>
 * The URL defaults to {@code HASURA_GRAPHQL_DATABASE_URL}.
 */
public final class ExportMetadata {

    private ExportMetadata() { }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ExportMetadata [postgres://user:pass@host:port/db] <metadata directory>");
            System.exit(2);
        }
        String url = args.length == 2 ? args[0] : System.getenv("HASURA_GRAPHQL_DATABASE_URL");
        if (url == null || url.isBlank()) {
            System.err.println("no database URL given and HASURA_GRAPHQL_DATABASE_URL is not set");
            System.exit(2);
        }
        Path dir = Path.of(args[args.length - 1]);
        export(url, dir);
        System.out.println("metadata written to " + dir.toAbsolutePath());
    }

    /** Reads the stored document from {@code postgresUrl} and writes it under {@code dir}. */
    public static ObjectNode export(String postgresUrl, Path dir) throws SQLException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode document;
        try (Connection c = connect(postgresUrl); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT metadata::text FROM hdb_catalog.hdb_metadata WHERE id = 1")) {
            if (!rs.next()) {
                throw new IllegalStateException("the database holds no metadata (hdb_catalog.hdb_metadata is empty)");
            }
            document = (ObjectNode) json.readTree(rs.getString(1));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("hdb_catalog.hdb_metadata holds invalid JSON", e);
        }
        new MetadataDirectoryWriter().write(document, dir);
        return document;
    }

    private static Connection connect(String postgresUrl) throws SQLException {
        URI uri = URI.create(postgresUrl);
        Properties props = new Properties();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            props.setProperty("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                props.setProperty("password", decode(userInfo.substring(colon + 1)));
            }
        }
        String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort())
                + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new Driver().connect(jdbc, props);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
