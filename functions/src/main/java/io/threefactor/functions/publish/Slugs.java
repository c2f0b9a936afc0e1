package io.threefactor.functions.publish;

import java.text.Normalizer;
import java.util.Locale;
import java.util.UUID;

/** URL slugs for landing pages: readable title + a short id, stable across versions of a program. */
public final class Slugs {

    private static final int MAX_TITLE_PART = 60;

    private Slugs() {
    }

    public static String of(String title, UUID programId) {
        String ascii = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        if (ascii.length() > MAX_TITLE_PART) {
            ascii = ascii.substring(0, MAX_TITLE_PART).replaceAll("-+$", "");
        }
        String id = programId.toString().substring(0, 8);
        return ascii.isEmpty() ? "program-" + id : ascii + "-" + id;
    }
}
