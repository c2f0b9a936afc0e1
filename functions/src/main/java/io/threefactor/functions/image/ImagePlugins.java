package io.threefactor.functions.image;

import javax.imageio.ImageIO;

/** Registers the ImageIO plugins on the classpath (TwelveMonkeys, WebP) for the current class loader, once. */
final class ImagePlugins {

    private static volatile boolean loaded;

    private ImagePlugins() {
    }

    static void ensureLoaded() {
        if (!loaded) {
            synchronized (ImagePlugins.class) {
                if (!loaded) {
                    // Quarkus runs the app in its own class loader; ImageIO's registry only scans
                    // the context class loader it first met, so scan again from here.
                    ClassLoader previous = Thread.currentThread().getContextClassLoader();
                    Thread.currentThread().setContextClassLoader(ImagePlugins.class.getClassLoader());
                    try {
                        ImageIO.scanForPlugins();
                        ImageIO.setUseCache(false);
                    } finally {
                        Thread.currentThread().setContextClassLoader(previous);
                    }
                    loaded = true;
                }
            }
        }
    }
}
