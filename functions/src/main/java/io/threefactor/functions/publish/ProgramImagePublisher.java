package io.threefactor.functions.publish;

import io.threefactor.functions.image.ImageProcessor;
import io.threefactor.functions.image.RejectedImageException;
import io.threefactor.functions.image.RenditionSpec;
import io.threefactor.functions.storage.Stores;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Reads each image a program uses from the uploads bucket and writes its renditions to the public bucket. */
public final class ProgramImagePublisher {

    private final Stores stores;
    private final ImageProcessor processor;
    private final RenditionSpec cover;
    private final RenditionSpec exercise;

    public ProgramImagePublisher(Stores stores, ImageProcessor processor, RenditionSpec cover, RenditionSpec exercise) {
        this.stores = stores;
        this.processor = processor;
        this.cover = cover;
        this.exercise = exercise;
    }

    /** @throws RejectedImageException naming the image that is unusable */
    public ProgramImages publish(ProgramSource program) {
        // An asset used by several exercises is processed once per run.
        Map<UUID, PublishedImage> exerciseImagesByAsset = new HashMap<>();
        PublishedImage coverImage = program.coverAsset() == null ? null
                : publish(program.coverAsset(), cover, "the cover image");
        Map<UUID, PublishedImage> byExercise = new LinkedHashMap<>();
        for (ProgramSource.Session session : program.sessions()) {
            for (ProgramSource.Exercise ex : session.exercises()) {
                if (ex.imageAsset() != null) {
                    PublishedImage image = exerciseImagesByAsset.computeIfAbsent(ex.imageAsset().id(),
                            id -> publish(ex.imageAsset(), exercise, "the image of exercise '" + ex.name() + "'"));
                    byExercise.put(ex.id(), image);
                }
            }
        }
        return new ProgramImages(coverImage, byExercise);
    }

    private PublishedImage publish(AssetRef asset, RenditionSpec spec, String what) {
        byte[] original;
        try {
            original = stores.uploads().get(asset.storageKey())
                    .orElseThrow(() -> new RejectedImageException(what + " is missing from storage (key "
                            + asset.storageKey() + ")"));
        } catch (IllegalArgumentException e) {
            throw new RejectedImageException(what + " has an invalid storage key: " + asset.storageKey());
        }
        try {
            return PublishedImage.of(asset.id(), processor.process(original, spec, stores.published()));
        } catch (RejectedImageException e) {
            throw new RejectedImageException(what + " (asset " + asset.id() + "): " + e.getMessage(), e);
        }
    }
}
