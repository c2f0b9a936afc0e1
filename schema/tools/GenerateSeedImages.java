import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Writes the small seed images under schema/seeds/images/. Run once and commit the output:
 * {@code java schema/tools/GenerateSeedImages.java schema/seeds/images}.
 */
public class GenerateSeedImages {

    record Spec(String file, String format, int width, int height, Color from, Color to, String label) {}

    public static void main(String[] args) throws IOException {
        File dir = new File(args.length > 0 ? args[0] : "schema/seeds/images");
        dir.mkdirs();
        Spec[] specs = {
            new Spec("strength-foundations-cover.jpg", "jpg", 640, 400, new Color(0x1e3a8a), new Color(0x60a5fa), "Strength Foundations"),
            new Spec("mobility-reset-cover.jpg", "jpg", 640, 400, new Color(0x14532d), new Color(0x86efac), "Mobility Reset"),
            new Spec("squat.jpg", "jpg", 480, 480, new Color(0x7c2d12), new Color(0xfdba74), "Squat"),
            new Spec("push-up.jpg", "jpg", 480, 360, new Color(0x581c87), new Color(0xd8b4fe), "Push-up"),
            new Spec("plank.png", "png", 320, 240, new Color(0x0f766e), new Color(0x99f6e4), "Plank"),
            new Spec("hip-opener.png", "png", 300, 400, new Color(0x9f1239), new Color(0xfda4af), "Hip opener"),
        };
        for (Spec spec : specs) {
            ImageIO.write(draw(spec), spec.format(), new File(dir, spec.file()));
        }
    }

    static BufferedImage draw(Spec spec) {
        BufferedImage image = new BufferedImage(spec.width(), spec.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, spec.from(), spec.width(), spec.height(), spec.to()));
        g.fillRect(0, 0, spec.width(), spec.height());
        g.setColor(new Color(255, 255, 255, 90));
        g.setStroke(new BasicStroke(6f));
        int r = Math.min(spec.width(), spec.height()) / 3;
        g.drawOval(spec.width() / 2 - r, spec.height() / 2 - r, 2 * r, 2 * r);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(14, spec.width() / 18)));
        g.drawString(spec.label(), 16, spec.height() - 20);
        g.dispose();
        return image;
    }
}
