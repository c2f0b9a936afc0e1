package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.pgclient.PgConnectOptions;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import io.threefactor.engine.error.MetadataApiException;
import org.postgresql.Driver;
import org.postgresql.util.PSQLException;

/**
 * {@code run_sql}: the SQL text runs as one transaction (several statements allowed) on its own connection; the
 * answer is the last statement's, Hasura's {@code {"result_type":"TuplesOk","result":[[headers…],[row…]…]}} with every
 * value in PostgreSQL's text form (null as null), or {@code {"result_type":"CommandOk","result":null}}. PgJDBC is used
 * here (and only here) because it hands out each value's text exactly as the server printed it. Blocking: call it on
 * a worker thread.
 */
final class RunSql {

    private final PgConnectOptions options;

    RunSql(PgConnectOptions options) {
        this.options = options;
    }

    /**
     * Looks at the database inside the SQL's transaction: before the SQL runs, and after it, before the commit;
     * throwing rolls the SQL back.
     */
    interface Watch {
        Watch NONE = conn -> { };

        default void beforeSql(Connection conn) throws SQLException { }

        void beforeCommit(Connection conn) throws SQLException;
    }

    ObjectNode run(String sql, boolean readOnly, Watch watch) {
        Properties props = new Properties();
        props.setProperty("user", options.getUser());
        if (options.getPassword() != null) {
            props.setProperty("password", options.getPassword());
        }
        props.setProperty("ApplicationName", "threefactor run_sql");
        String url = "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
        try (Connection conn = new Driver().connect(url, props)) {
            conn.setAutoCommit(false);
            if (readOnly) {
                conn.setReadOnly(true);
            }
            try (Statement st = conn.createStatement()) {
                watch.beforeSql(conn);
                ObjectNode last = commandOk();
                boolean isResultSet = st.execute(sql);
                while (true) {
                    if (isResultSet) {
                        try (ResultSet rs = st.getResultSet()) {
                            last = tuples(rs);
                        }
                    } else if (st.getUpdateCount() == -1) {
                        break;
                    } else {
                        last = commandOk();
                    }
                    isResultSet = st.getMoreResults();
                }
                watch.beforeCommit(conn);
                conn.commit();
                return last;
            } catch (SQLException | RuntimeException e) {
                conn.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw postgresError(e, sql);
        }
    }

    private static ObjectNode commandOk() {
        ObjectNode out = Docs.F.objectNode();
        out.put("result_type", "CommandOk");
        out.putNull("result");
        return out;
    }

    private static ObjectNode tuples(ResultSet rs) throws SQLException {
        ObjectNode out = Docs.F.objectNode();
        out.put("result_type", "TuplesOk");
        ArrayNode result = out.putArray("result");
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        ArrayNode headers = result.addArray();
        for (int i = 1; i <= n; i++) {
            headers.add(meta.getColumnLabel(i));
        }
        while (rs.next()) {
            ArrayNode row = result.addArray();
            for (int i = 1; i <= n; i++) {
                String v = rs.getString(i);
                if (v == null) {
                    row.addNull();
                } else {
                    row.add(v);
                }
            }
        }
        return out;
    }

    /** Hasura's {@code postgres-error}: {@code "query execution failed"} with the server's error in {@code internal}. */
    private static MetadataApiException postgresError(SQLException e, String sql) {
        ObjectNode internal = Docs.F.objectNode();
        internal.putArray("arguments");
        ObjectNode error = internal.putObject("error");
        String message = e.getMessage();
        String hint = null;
        String detail = null;
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            message = p.getServerErrorMessage().getMessage();
            hint = p.getServerErrorMessage().getHint();
            detail = p.getServerErrorMessage().getDetail();
        }
        error.put("description", detail);
        error.put("exec_status", "FatalError");
        error.put("hint", hint);
        error.put("message", message);
        error.put("status_code", e.getSQLState());
        internal.put("prepared", false);
        internal.put("statement", sql);
        return new MetadataApiException("postgres-error", "query execution failed", "$", 400, internal);
    }

    static String sqlArg(JsonNode args) {
        return Docs.requiredText(args, "sql");
    }
}
