package io.threefactor.functions.image;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Wires the image pipeline from {@link ImageConfig}; the classes themselves stay plain and testable. */
@ApplicationScoped
public class ImageBeans {

    @Produces
    @Singleton
    ImageProcessor imageProcessor(ImageConfig config) {
        ImageEncoder encoder = new ImageEncoder(config.quality(), config.webp());
        return new ImageProcessor(new ImageDecoder(config.limits()), new ImageRenderer(encoder));
    }
}
