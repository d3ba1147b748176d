package io.gpudoctor.agent.metrics;

import java.util.Locale;

/**
 * The exposition formats {@code /metrics} speaks, and which one an {@code Accept} header asks for.
 * Protocol buffers are not offered: a scraper that asks for them also accepts text.
 */
public enum ScrapeFormat {
    PROMETHEUS_TEXT("text/plain; version=0.0.4; charset=utf-8"),
    OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8");

    private static final String OPENMETRICS_TYPE = "application/openmetrics-text";

    private final String contentType;

    ScrapeFormat(String contentType) {
        this.contentType = contentType;
    }

    /** A sample's value as the Go client writes it in this format ({@link GoFloat}). */
    String sampleValue(double value) {
        return this == OPENMETRICS ? GoFloat.openMetrics(value) : GoFloat.text(value);
    }

    /** The response's {@code Content-Type}. */
    public String contentType() {
        return contentType;
    }

    /**
     * OpenMetrics when the header accepts {@code application/openmetrics-text} at least as much as
     * anything text would satisfy ({@code text/plain}, {@code text/*}, {@code *}{@code /*}); Prometheus
     * text otherwise, and for an empty or unreadable header. A media range whose {@code q} is not
     * a number counts as not accepted.
     */
    public static ScrapeFormat negotiate(String acceptHeader) {
        double openMetrics = 0;
        double text = 0;
        for (String range : acceptHeader.split(",")) {
            String[] parts = range.split(";", -1);
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            double q = quality(parts);
            if (type.equals(OPENMETRICS_TYPE)) {
                openMetrics = Math.max(openMetrics, q);
            } else if (type.equals("text/plain") || type.equals("text/*") || type.equals("*/*")) {
                text = Math.max(text, q);
            }
        }
        return openMetrics > 0 && openMetrics >= text ? OPENMETRICS : PROMETHEUS_TEXT;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.regionMatches(true, 0, "q=", 0, 2)) {
                try {
                    double q = Double.parseDouble(parameter.substring(2).strip());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
