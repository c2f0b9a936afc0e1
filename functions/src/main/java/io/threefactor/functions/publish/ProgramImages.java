package io.threefactor.functions.publish;

import java.util.Map;
import java.util.UUID;

/** The published renditions of a program's images: the cover (or null) and each exercise's image by exercise id. */
public record ProgramImages(PublishedImage cover, Map<UUID, PublishedImage> byExercise) {

    public int count() {
        return (cover == null ? 0 : 1) + byExercise.size();
    }
}
