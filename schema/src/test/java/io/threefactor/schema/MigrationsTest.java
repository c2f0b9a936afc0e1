package io.threefactor.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Applies the packaged migrations and seeds to an empty database, checks them, and reverts them. */
class MigrationsTest {

    private static final String PROGRAM = "9a0a0000-0000-4000-8000-000000000001";
    private static final String COACH = "c0ac0000-0000-4000-8000-000000000001";

    @Test
    void migrationsHaveHasuraCliVersionsAndBothDirections() {
        List<Migration> migrations = Migration.all();
        assertTrue(migrations.size() >= 6, "migrations: " + migrations);
    }

    @Test
    void upSeedCheckDownAndUpAgain() throws Exception {
        try (TestDatabase database = new TestDatabase(); Connection db = database.connect()) {
            List<Migration> migrations = Migration.all();
            for (Migration migration : migrations) {
                execute(db, migration.upPath());
            }
            for (String seed : AppResources.under("seeds/default/")) {
                execute(db, seed);
            }
            assertEquals(3, count(db, "SELECT count(*) FROM program"));
            assertEquals(5, count(db, "SELECT count(*) FROM exercise"));

            assertUpdatedAtIsMaintained(db);
            assertStatusIsConstrained(db);
            assertEquals(List.of(), CatalogCheck.run(db, HasuraMetadata.defaultSourceTables()),
                    "metadata disagrees with the migrated database");
            assertDeletingAProgramCascades(db);

            List<Migration> newestFirst = new ArrayList<>(migrations);
            Collections.reverse(newestFirst);
            for (Migration migration : newestFirst) {
                execute(db, migration.downPath());
            }
            assertEquals(0, count(db, "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"),
                    "down.sql left relations behind");
            assertEquals(0, count(db, "SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace"),
                    "down.sql left functions behind");

            for (Migration migration : migrations) {
                execute(db, migration.upPath());
            }
        }
    }

    private static void assertUpdatedAtIsMaintained(Connection db) throws SQLException {
        String id = queryString(db, "INSERT INTO publish_program (program_id, requested_by, created_at, updated_at) "
                + "VALUES ('" + PROGRAM + "', '" + COACH + "', now() - interval '1 hour', now() - interval '1 hour') "
                + "RETURNING id");
        update(db, "UPDATE publish_program SET status = 'processing' WHERE id = '" + id + "'");
        assertEquals(1, count(db, "SELECT count(*) FROM publish_program WHERE id = '" + id + "' "
                + "AND updated_at > created_at + interval '59 minutes' AND updated_at <= now()"));
        // Setting updated_at explicitly does not win over the trigger.
        update(db, "UPDATE publish_program SET updated_at = '2000-01-01' WHERE id = '" + id + "'");
        assertEquals(1, count(db, "SELECT count(*) FROM publish_program WHERE id = '" + id + "' "
                + "AND updated_at > '2001-01-01'"));
        for (String table : List.of("coach", "client", "program", "session", "exercise", "asset", "publish_program")) {
            assertEquals(1, count(db, "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal "
                    + "AND tgrelid = 'public." + table + "'::regclass AND tgname = 'set_public_" + table + "_updated_at'"),
                    table + " has no updated_at trigger");
        }
    }

    private static void assertStatusIsConstrained(Connection db) throws SQLException {
        SQLException intent = assertThrows(SQLException.class,
                () -> update(db, "UPDATE publish_program SET status = 'done' WHERE program_id = '" + PROGRAM + "'"));
        assertEquals("23503", intent.getSQLState(), intent.getMessage()); // foreign key to the enum table
        SQLException asset = assertThrows(SQLException.class,
                () -> update(db, "UPDATE asset SET status = 'deleted' WHERE coach_id = '" + COACH + "'"));
        assertEquals("23503", asset.getSQLState(), asset.getMessage());
        SQLException rejection = assertThrows(SQLException.class,
                () -> update(db, "UPDATE asset SET status = 'rejected' WHERE coach_id = '" + COACH + "'"));
        assertEquals("23514", rejection.getSQLState(), "a rejected asset needs a reason");
        List<String> statuses = new ArrayList<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT value FROM publish_program_status ORDER BY value")) {
            while (rs.next()) {
                statuses.add(rs.getString(1));
            }
        }
        assertEquals(List.of("failed", "pending", "processing", "published"), statuses);
    }

    private static void assertDeletingAProgramCascades(Connection db) throws SQLException {
        update(db, "INSERT INTO published_program (program_id, slug, version, landing, app_document) "
                + "VALUES ('" + PROGRAM + "', 'strength-foundations', 1, '{}', '{}')");
        SQLException duplicate = assertThrows(SQLException.class, () -> update(db,
                "INSERT INTO published_program (program_id, slug, version, landing, app_document) "
                        + "VALUES ('" + PROGRAM + "', 'strength-foundations', 1, '{}', '{}')"));
        assertEquals("23505", duplicate.getSQLState());
        update(db, "DELETE FROM program WHERE id = '" + PROGRAM + "'");
        assertEquals(0, count(db, "SELECT count(*) FROM session WHERE program_id = '" + PROGRAM + "'"));
        assertEquals(0, count(db, "SELECT count(*) FROM publish_program WHERE program_id = '" + PROGRAM + "'"));
        assertEquals(0, count(db, "SELECT count(*) FROM published_program WHERE program_id = '" + PROGRAM + "'"));
        assertEquals(6, count(db, "SELECT count(*) FROM asset"), "assets outlive the programs that use them");
    }

    private static void execute(Connection db, String resource) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute(AppResources.readString(resource));
        } catch (SQLException e) {
            throw new SQLException(resource + ": " + e.getMessage(), e.getSQLState(), e);
        }
    }

    private static void update(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        return Long.parseLong(queryString(db, sql));
    }

    private static String queryString(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
