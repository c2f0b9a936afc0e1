package io.threefactor.functions.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.jboss.logging.Logger;

/**
 * Writes pixels as JPEG or WebP. Only pixels are written (no source metadata: EXIF, GPS,
 * comments and ICC profiles of the upload are dropped).
 */
public final class ImageEncoder {

    private static final Logger LOG = Logger.getLogger(ImageEncoder.class);

    static {
        ImagePlugins.ensureLoaded();
    }

    private final float quality;
    private final boolean webpAvailable;

    public ImageEncoder(float quality, boolean webpWanted) {
        this.quality = quality;
        this.webpAvailable = webpWanted && probeWebp();
    }

    /** The formats this encoder writes; WebP only when its native encoder loads on this platform. */
    public List<OutputFormat> formats() {
        return webpAvailable ? List.of(OutputFormat.JPEG, OutputFormat.WEBP) : List.of(OutputFormat.JPEG);
    }

    public byte[] encode(BufferedImage image, OutputFormat format) {
        ImageWriter writer = writer(format).orElseThrow(() -> new IllegalStateException("no " + format + " writer"));
        // Neither format here stores alpha the way we want: flatten onto white, as a page would show it.
        BufferedImage rgb = toRgb(image);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(rgb, null, null), lossy(writer));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + format, e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private ImageWriteParam lossy(ImageWriter writer) {
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (param.canWriteCompressed()) {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            String[] types = param.getCompressionTypes();
            if (types != null && types.length > 0) {
                param.setCompressionType(Arrays.stream(types)
                        .filter(type -> type.toLowerCase().contains("lossy"))
                        .findFirst().orElse(types[0]));
            }
            param.setCompressionQuality(quality);
        }
        return param;
    }

    private static Optional<ImageWriter> writer(OutputFormat format) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format.imageIoName);
        return writers.hasNext() ? Optional.of(writers.next()) : Optional.empty();
    }

    private static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return rgb;
    }

    /** libwebp ships as JNI inside the jar; if it cannot load here, publish JPEG only. */
    private boolean probeWebp() {
        try {
            encode(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), OutputFormat.WEBP);
            return true;
        } catch (RuntimeException | LinkageError e) {
            LOG.warnf("WebP encoding unavailable, writing JPEG only: %s", e.toString());
            return false;
        }
    }
}
