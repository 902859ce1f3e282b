package io.voronka.server;

import io.voronka.engine.result.PathLink;
import io.voronka.engine.result.PathNode;
import io.voronka.engine.result.PathsResult;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.GeneralPath;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A paths result as a Sankey diagram drawn with Java2D (no charting library on the class path draws Sankey to
 * PNG). One column per position; node heights proportional to users, nodes in the result's order (most users
 * first, "other" and "end" last); links as bands from a node's right edge to the next column's left edge, each
 * band stacked in the order of its target (out) and source (in), coloured by its source's event so one event keeps
 * one colour across positions. Labels sit right of their node ("name · users"), cut to the column gap.
 */
final class SankeyPainter {
    private static final int WIDTH = 1600;
    private static final int HEIGHT = 900;
    private static final int TOP = 60;
    private static final int BOTTOM = 30;
    private static final int LEFT = 20;
    private static final int RIGHT = 20;
    /** Room right of the last column for its labels. */
    private static final int LAST_LABELS = 230;
    private static final int NODE_WIDTH = 14;
    private static final int GAP = 10;
    private static final Color OTHER = new Color(0x9a, 0xa4, 0xae);
    private static final Color END = new Color(0xd0, 0xd4, 0xd8);
    private static final Color[] PALETTE = {new Color(0x1f, 0x6f, 0xeb), new Color(0xe3, 0x6c, 0x09),
            new Color(0x2e, 0x9e, 0x44), new Color(0xc0, 0x39, 0x2b), new Color(0x8e, 0x44, 0xad),
            new Color(0x16, 0xa0, 0x85), new Color(0xd4, 0xa0, 0x17), new Color(0x5d, 0x6d, 0x7e),
            new Color(0xe8, 0x4a, 0x8a), new Color(0x6b, 0x8e, 0x23), new Color(0x34, 0x49, 0x5e),
            new Color(0xa0, 0x52, 0x2d)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private SankeyPainter() {
    }

    static byte[] png(String title, PathsResult p) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g.drawString(title + "  (" + ResultText.count(p.users()) + " users)", LEFT, 32);
            if (p.users() > 0) {
                draw(g, p);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("drawing the paths chart '" + title + "' failed", e);
        }
        return out.toByteArray();
    }

    private static void draw(Graphics2D g, PathsResult p) {
        List<PathNode> nodes = p.nodes();
        int positions = p.positions();
        int[] perColumn = new int[positions + 1];
        long[] usersPerColumn = new long[positions + 1];
        for (PathNode n : nodes) {
            perColumn[n.position()]++;
            usersPerColumn[n.position()] += n.users();
        }
        double scale = Double.MAX_VALUE;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        for (int c = 1; c <= positions; c++) {
            scale = Math.min(scale, (plotHeight - GAP * (perColumn[c] - 1.0)) / usersPerColumn[c]);
        }
        double columnStep = positions > 1 ? (WIDTH - LEFT - RIGHT - NODE_WIDTH - LAST_LABELS)
                / (positions - 1.0) : 0;
        double[] x = new double[nodes.size()];
        double[] y = new double[nodes.size()];
        double[] h = new double[nodes.size()];
        double[] nextY = new double[positions + 1];
        java.util.Arrays.fill(nextY, TOP);
        for (int i = 0; i < nodes.size(); i++) {
            PathNode n = nodes.get(i);
            x[i] = LEFT + (n.position() - 1) * columnStep;
            y[i] = nextY[n.position()];
            h[i] = Math.max(1, n.users() * scale);
            nextY[n.position()] = y[i] + h[i] + GAP;
        }
        Map<String, Color> colours = new HashMap<>();
        Color[] colour = new Color[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            PathNode n = nodes.get(i);
            colour[i] = switch (n.kind()) {
                case OTHER -> OTHER;
                case END -> END;
                case EVENT -> colours.computeIfAbsent(n.event(), e -> PALETTE[colours.size() % PALETTE.length]);
            };
        }
        drawLinks(g, p.links(), x, y, h, colour, scale);
        for (int i = 0; i < nodes.size(); i++) {
            g.setColor(colour[i]);
            g.fill(new Rectangle2D.Double(x[i], y[i], NODE_WIDTH, h[i]));
        }
        drawLabels(g, nodes, x, y, h, columnStep);
    }

    private static void drawLinks(Graphics2D g, List<PathLink> links, double[] x, double[] y, double[] h,
                                  Color[] colour, double scale) {
        double[] outOffset = new double[x.length];
        double[] inOffset = new double[x.length];
        List<PathLink> byTarget = new ArrayList<>(links);
        byTarget.sort((a, b) -> a.from() != b.from() ? Integer.compare(a.from(), b.from())
                : Integer.compare(a.to(), b.to()));
        Map<PathLink, Double> sourceY = new HashMap<>();
        for (PathLink l : byTarget) {
            sourceY.put(l, y[l.from()] + outOffset[l.from()]);
            outOffset[l.from()] += l.users() * scale;
        }
        List<PathLink> bySource = new ArrayList<>(links);
        bySource.sort((a, b) -> a.to() != b.to() ? Integer.compare(a.to(), b.to())
                : Integer.compare(a.from(), b.from()));
        for (PathLink l : bySource) {
            double band = Math.max(0.5, l.users() * scale);
            double y0 = sourceY.get(l);
            double y1 = y[l.to()] + inOffset[l.to()];
            inOffset[l.to()] += l.users() * scale;
            double x0 = x[l.from()] + NODE_WIDTH;
            double x1 = x[l.to()];
            double mid = (x0 + x1) / 2;
            GeneralPath path = new GeneralPath();
            path.moveTo(x0, y0);
            path.curveTo(mid, y0, mid, y1, x1, y1);
            path.lineTo(x1, y1 + band);
            path.curveTo(mid, y1 + band, mid, y0 + band, x0, y0 + band);
            path.closePath();
            Color c = colour[l.from()];
            g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 80));
            g.fill(path);
        }
        g.setStroke(new BasicStroke(1f));
    }

    /** "name · users" on one line; on two (name, then users) when the node is tall enough, so names fit better. */
    private static void drawLabels(Graphics2D g, List<PathNode> nodes, double[] x, double[] y, double[] h,
                                   double columnStep) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        int line = fm.getAscent() + 1;
        int room = (int) Math.max(60, (columnStep > 0 ? columnStep : LAST_LABELS) - NODE_WIDTH - 8);
        for (int i = 0; i < nodes.size(); i++) {
            if (h[i] < line - 3) {
                continue;
            }
            PathNode n = nodes.get(i);
            String count = ResultText.count(n.users());
            List<String> lines = h[i] >= 2 * line + 2
                    ? List.of(fit(ResultLabels.node(n), room, fm), count)
                    : List.of(fit(ResultLabels.node(n), room - fm.stringWidth(" · " + count), fm) + " · " + count);
            float tx = (float) (x[i] + NODE_WIDTH + 4);
            float ty = (float) (y[i] + h[i] / 2 - line * lines.size() / 2.0 + fm.getAscent() - 1);
            for (String text : lines) {
                g.setColor(new Color(255, 255, 255, 190));
                g.fill(new Rectangle2D.Double(tx - 1, ty - fm.getAscent() + 1, fm.stringWidth(text) + 2, line));
                g.setColor(Color.BLACK);
                g.drawString(text, tx, ty);
                ty += line;
            }
        }
    }

    /** The text, cut with an ellipsis to fit {@code width} pixels. */
    private static String fit(String text, int width, FontMetrics fm) {
        if (fm.stringWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (cut.length() > 1 && fm.stringWidth(cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut.strip() + "…";
    }
}
