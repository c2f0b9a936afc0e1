package io.threefactor.functions.image;

import io.threefactor.functions.storage.BlobKeys;
import io.threefactor.functions.storage.BlobStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Decode → validate → render → store under content-addressed keys. Storing is idempotent:
 * an object whose key exists already has these very bytes, so it is not written again.
 */
public final class ImageProcessor {

    /** Key prefix of renditions in the public bucket. */
    public static final String KEY_PREFIX = "images";

    private final ImageDecoder decoder;
    private final ImageRenderer renderer;

    public ImageProcessor(ImageDecoder decoder, ImageRenderer renderer) {
        this.decoder = decoder;
        this.renderer = renderer;
    }

    public ProcessedImage process(byte[] original, RenditionSpec spec, BlobStore target) {
        DecodedImage image = decoder.decode(original);
        List<ImageVariant> variants = new ArrayList<>();
        for (EncodedImage rendition : renderer.render(image, spec)) {
            String key = BlobKeys.contentAddressed(KEY_PREFIX, rendition.bytes(), rendition.format().extension);
            if (!target.exists(key)) {
                target.put(key, rendition.bytes(), rendition.format().contentType);
            }
            variants.add(new ImageVariant(rendition.width(), rendition.height(), rendition.format().contentType,
                    key, target.url(key), rendition.bytes().length));
        }
        return new ProcessedImage(image.width(), image.height(), image.format(), variants);
    }
}
