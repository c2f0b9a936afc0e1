package io.threefactor.schema;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A throw-away database on the shared PostgreSQL server (127.0.0.1:5432, user postgres, trust auth). */
final class TestDatabase implements AutoCloseable {

    private static final String HOST = System.getProperty("threefactor.test.pg.host", "127.0.0.1");
    private static final String PORT = System.getProperty("threefactor.test.pg.port", "5432");

    final String name = "tf_schema_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    TestDatabase() throws SQLException {
        try (Connection admin = connect("postgres"); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
    }

    Connection connect() throws SQLException {
        return connect(name);
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + database, "postgres", "");
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = connect("postgres"); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
