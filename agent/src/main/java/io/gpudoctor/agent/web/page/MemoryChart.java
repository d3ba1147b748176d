package io.gpudoctor.agent.web.page;

import io.gpudoctor.agent.collect.MemorySample;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The used memory of every GPU over the recent samples, as an inline SVG line chart (one line per
 * GPU, on one scale up to the largest GPU's total), with a legend. Inline, so the page needs no
 * script and nothing from the network.
 */
final class MemoryChart {

    private static final String[] COLOURS = {
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#9c755f"};
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int WIDTH = 640;
    private static final int HEIGHT = 220;
    private static final int LEFT = 72;
    private static final int RIGHT = 630;
    private static final int TOP = 12;
    private static final int BOTTOM = 190;

    private MemoryChart() {
    }

    /**
     * @param history    oldest first
     * @param totalBytes each GPU's total memory by index, for the scale; a GPU not read has none
     */
    static String render(List<MemorySample> history, Map<Integer, Long> totalBytes) {
        TreeSet<Integer> gpus = new TreeSet<>();
        history.forEach(s -> gpus.addAll(s.usedBytes().keySet()));
        if (gpus.isEmpty()) {
            return "<p class=\"none\">No memory samples yet.</p>\n";
        }
        long max = Math.max(1, Math.max(totalBytes.values().stream().mapToLong(Long::longValue).max().orElse(0),
                history.stream().flatMap(s -> s.usedBytes().values().stream()).mapToLong(Long::longValue).max()
                        .orElse(0)));
        Instant first = history.get(0).at();
        Instant last = history.get(history.size() - 1).at();
        double span = Math.max(1, Duration.between(first, last).toMillis());
        StringBuilder out = new StringBuilder()
                .append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"chart-title\">\n")
                .append("<title id=\"chart-title\">GPU memory used from ").append(CLOCK.format(first))
                .append(" to ").append(CLOCK.format(last)).append(" UTC</title>\n");
        axes(out, max, first, last);
        for (int gpu : gpus) {
            String colour = COLOURS[gpu % COLOURS.length];
            List<String> points = new ArrayList<>();
            for (MemorySample sample : history) {
                Long used = sample.usedBytes().get(gpu);
                if (used != null) {
                    double x = history.size() == 1 ? RIGHT
                            : LEFT + (RIGHT - LEFT) * Duration.between(first, sample.at()).toMillis() / span;
                    double y = BOTTOM - (BOTTOM - TOP) * (double) used / max;
                    points.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
                }
            }
            String[] end = points.get(points.size() - 1).split(",");
            out.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append("\" points=\"")
                    .append(String.join(" ", points)).append("\"/>\n")
                    .append("<circle r=\"3\" fill=\"").append(colour).append("\" cx=\"").append(end[0])
                    .append("\" cy=\"").append(end[1]).append("\"/>\n");
        }
        out.append("</svg>\n<ul class=\"legend\">\n");
        for (int gpu : gpus) {
            out.append("<li><span class=\"swatch\" style=\"background:").append(COLOURS[gpu % COLOURS.length])
                    .append("\"></span>GPU ").append(gpu).append("</li>\n");
        }
        return out.append("</ul>\n").toString();
    }

    private static void axes(StringBuilder out, long max, Instant first, Instant last) {
        for (int step = 0; step <= 2; step++) {
            double y = BOTTOM - (BOTTOM - TOP) * step / 2.0;
            out.append(String.format(Locale.ROOT,
                    "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>%n", LEFT, RIGHT, y, y))
                    .append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">",
                            LEFT - 6, y + 4))
                    .append(Quantities.bytes(max * step / 2)).append("</text>\n");
        }
        out.append("<text class=\"tick\" x=\"").append(LEFT).append("\" y=\"").append(HEIGHT - 8).append("\">")
                .append(CLOCK.format(first)).append("</text>\n")
                .append("<text class=\"tick\" x=\"").append(RIGHT).append("\" y=\"").append(HEIGHT - 8)
                .append("\" text-anchor=\"end\">").append(CLOCK.format(last)).append(" UTC</text>\n");
    }
}
