package io.threefactor.schema;

import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One Hasura CLI migration directory: {@code <13-digit version>_<name>/up.sql, down.sql}. */
record Migration(long version, String name, String upPath, String downPath) {

    private static final Pattern DIRECTORY =
            Pattern.compile(".*/migrations/default/(\\d{13})_([a-z0-9_]+)/(up|down)\\.sql");

    /** All migrations of the default source, in version order; fails if a directory lacks up or down. */
    static List<Migration> all() {
        TreeMap<Long, String[]> found = new TreeMap<>();
        for (String path : AppResources.under("migrations/default/")) {
            Matcher m = DIRECTORY.matcher(path);
            if (!m.matches()) {
                throw new AssertionError("unexpected file in migrations: " + path);
            }
            String[] entry = found.computeIfAbsent(Long.parseLong(m.group(1)), v -> new String[3]);
            entry[0] = m.group(2);
            entry[m.group(3).equals("up") ? 1 : 2] = path;
        }
        return found.entrySet().stream()
                .map(e -> new Migration(e.getKey(), e.getValue()[0], require(e.getValue()[1], e.getKey(), "up"),
                        require(e.getValue()[2], e.getKey(), "down")))
                .sorted(Comparator.comparingLong(Migration::version))
                .toList();
    }

    private static String require(String path, long version, String kind) {
        if (path == null) {
            throw new AssertionError("migration " + version + " has no " + kind + ".sql");
        }
        return path;
    }
}
