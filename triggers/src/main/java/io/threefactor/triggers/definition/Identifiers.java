package io.threefactor.triggers.definition;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Validation and quoting of names that end up in SQL text. */
public final class Identifiers {
    /** Hasura's rule for event trigger names; 42 keeps "notify_hasura_" + name + "_INSERT" within Postgres' 63 bytes. */
    private static final Pattern TRIGGER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_\\-]*");
    public static final int MAX_TRIGGER_NAME_LENGTH = 42;
    private static final int MAX_IDENTIFIER_BYTES = 63;

    private Identifiers() {
    }

    public static String requireValidTriggerName(String name) {
        if (name == null || !TRIGGER_NAME.matcher(name).matches()) {
            throw new InvalidDefinitionException("invalid event trigger name " + describe(name)
                    + ": it must start with a letter and contain only letters, digits, '_' and '-'");
        }
        if (name.length() > MAX_TRIGGER_NAME_LENGTH) {
            throw new InvalidDefinitionException("event trigger name " + describe(name) + " is longer than "
                    + MAX_TRIGGER_NAME_LENGTH + " characters");
        }
        return name;
    }

    public static String requireValidIdentifier(String identifier, String what) {
        if (identifier == null || identifier.isEmpty() || identifier.indexOf('\0') >= 0
                || identifier.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
            throw new InvalidDefinitionException("invalid " + what + " " + describe(identifier));
        }
        return identifier;
    }

    /** A Postgres quoted identifier. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A Postgres string literal (standard_conforming_strings is on in every supported version). */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String describe(String s) {
        return s == null ? "null" : '"' + s + '"';
    }
}
