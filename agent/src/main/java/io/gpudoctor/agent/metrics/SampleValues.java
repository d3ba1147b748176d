package io.gpudoctor.agent.metrics;

import java.util.function.DoubleFunction;

/**
 * Rewrites the value of every sample line of an exposition: Micrometer's Prometheus registry
 * writes Java's {@code Double.toString} ({@code 2.1E8}, {@code 1.0}); scrapers parse it, but people,
 * golden files and tools that compare with other exporters expect the Go client's
 * ({@code 2.1e+08}, {@code 1}). Comment lines ({@code # HELP}, {@code # TYPE}, {@code # EOF}) and
 * everything after the value (a timestamp) are kept as they are.
 */
final class SampleValues {

    private SampleValues() {
    }

    /** The exposition with each sample's value written by {@code format}. */
    static String rewrite(String exposition, DoubleFunction<String> format) {
        StringBuilder out = new StringBuilder(exposition.length());
        int start = 0;
        while (start < exposition.length()) {
            int end = exposition.indexOf('\n', start);
            int lineEnd = end < 0 ? exposition.length() : end;
            rewriteLine(exposition, start, lineEnd, format, out);
            if (end >= 0) {
                out.append('\n');
            }
            start = lineEnd + 1;
        }
        return out.toString();
    }

    private static void rewriteLine(String text, int from, int to, DoubleFunction<String> format, StringBuilder out) {
        if (from == to || text.charAt(from) == '#') {
            out.append(text, from, to);
            return;
        }
        int valueStart = afterSeriesName(text, from, to) + 1;
        int valueEnd = text.indexOf(' ', valueStart);
        if (valueEnd < 0 || valueEnd > to) {
            valueEnd = to;
        }
        if (valueStart >= valueEnd) {
            out.append(text, from, to);
            return;
        }
        try {
            double value = Double.parseDouble(text.substring(valueStart, valueEnd));
            out.append(text, from, valueStart).append(format.apply(value)).append(text, valueEnd, to);
        } catch (NumberFormatException e) {
            out.append(text, from, to);
        }
    }

    /** The index of the space that ends the name and labels; a label value may hold spaces, quotes and braces. */
    private static int afterSeriesName(String text, int from, int to) {
        boolean quoted = false;
        boolean inLabels = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '{') {
                inLabels = true;
            } else if (c == '}') {
                inLabels = false;
            } else if (c == ' ' && !inLabels) {
                return i;
            }
        }
        return to;
    }
}
