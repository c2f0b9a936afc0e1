package io.threefactor.triggers.api;

/** {@code pg_get_event_logs}' {@code status}: pending, processed (delivered or errored), or all. */
public enum EventStatusFilter {
    PENDING("delivered = 'f' AND error = 'f'"),
    PROCESSED("(delivered = 't' OR error = 't')"),
    ALL("true");

    final String sql;

    EventStatusFilter(String sql) {
        this.sql = sql;
    }

    public static EventStatusFilter parse(String status) {
        return status == null ? ALL : valueOf(status.toUpperCase());
    }
}
