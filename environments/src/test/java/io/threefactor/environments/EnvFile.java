package io.threefactor.environments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An environment file as kustomize's {@code configMapGenerator envs} and {@code kubectl create secret
 * --from-env-file} read it: {@code KEY=VALUE} lines (the value taken literally), {@code #} comments. Our
 * convention on top: {@code # unset VAR: reason} records a variable the app reads that the environment
 * deliberately leaves unset.
 */
record EnvFile(Path path, Map<String, String> values, Map<String, String> unset) {

    private static final Pattern UNSET = Pattern.compile("^#\\s*unset\\s+([A-Z][A-Z0-9_]*)\\s*:\\s*(.+)$");
    private static final Pattern ENTRY = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=(.*)$");

    static EnvFile read(Path path) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> unset = new LinkedHashMap<>();
        try {
            int lineNo = 0;
            for (String line : Files.readAllLines(path)) {
                lineNo++;
                String trimmed = line.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (trimmed.startsWith("#")) {
                    Matcher u = UNSET.matcher(trimmed);
                    if (u.matches()) {
                        unset.put(u.group(1), u.group(2));
                    }
                    continue;
                }
                Matcher m = ENTRY.matcher(line);
                if (!m.matches()) {
                    throw new IllegalArgumentException(path + ":" + lineNo + ": not KEY=VALUE: " + line);
                }
                if (values.put(m.group(1), m.group(2)) != null) {
                    throw new IllegalArgumentException(path + ":" + lineNo + ": " + m.group(1) + " set twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EnvFile(path, values, unset);
    }
}
