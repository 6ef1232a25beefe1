package org.emoscope.train.eval;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Draws a confusion matrix as a PNG: rows normalised to recall, cells shaded by it, counts and percentages shown. */
public final class ConfusionMatrixImage {

    private ConfusionMatrixImage() {
    }

    public static void write(ConfusionMatrix cm, String title, Path png) throws IOException {
        int n = cm.labels().size();
        int cell = 64;
        int left = 110;
        int top = 70;
        int width = left + n * cell + 30;
        int height = top + n * cell + 60;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, 10, 22);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(String.format(Locale.ROOT, "WA %.1f%%  UA %.1f%%  macro-F1 %.1f%%  n=%d",
                    100 * cm.weightedAccuracy(), 100 * cm.unweightedAccuracy(), 100 * cm.macroF1(), cm.total()), 10, 42);
            g.drawString("predicted \u2192", left, top - 22);
            for (int i = 0; i < n; i++) {
                long row = 0;
                for (int j = 0; j < n; j++) row += cm.count(i, j);
                for (int j = 0; j < n; j++) {
                    double share = row == 0 ? 0 : cm.count(i, j) / (double) row;
                    g.setColor(shade(share));
                    g.fillRect(left + j * cell, top + i * cell, cell, cell);
                    g.setColor(share > 0.55 ? Color.WHITE : Color.BLACK);
                    centre(g, String.valueOf(cm.count(i, j)), left + j * cell, top + i * cell + cell / 2 - 6, cell);
                    centre(g, String.format(Locale.ROOT, "%.0f%%", 100 * share), left + j * cell,
                            top + i * cell + cell / 2 + 10, cell);
                }
                g.setColor(Color.BLACK);
                g.drawString(cm.labels().get(i), 8, top + i * cell + cell / 2 + 4);
                Graphics2D r = (Graphics2D) g.create();
                r.translate(left + i * cell + cell / 2 + 4, top - 4);
                r.rotate(-Math.PI / 6);
                r.drawString(cm.labels().get(i), 0, 0);
                r.dispose();
            }
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(left, top, n * cell, n * cell);
            g.drawString("rows: true label; shade and %: share of the row (recall on the diagonal)", 10, height - 14);
        } finally {
            g.dispose();
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(img, "png", png.toFile());
    }

    private static void centre(Graphics2D g, String s, int x, int y, int w) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, x + (w - fm.stringWidth(s)) / 2, y + fm.getAscent() / 2);
    }

    /** White to dark blue. */
    private static Color shade(double v) {
        v = Math.max(0, Math.min(1, v));
        int r = (int) Math.round(255 - v * (255 - 16));
        int gg = (int) Math.round(255 - v * (255 - 63));
        int b = (int) Math.round(255 - v * (255 - 140));
        return new Color(r, gg, b);
    }
}
