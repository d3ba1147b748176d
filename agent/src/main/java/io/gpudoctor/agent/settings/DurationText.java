package io.gpudoctor.agent.settings;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Prometheus and node_exporter write them ({@code 500ms}, {@code 5s}, {@code 1m30s},
 * {@code 2h}), so a flag or config value reads the same as the scrape interval next to it.
 */
public final class DurationText {

    private static final Pattern WHOLE = Pattern.compile("(?:\\d{1,9}(?:ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private DurationText() {
    }

    /**
     * @throws IllegalArgumentException with a message naming the text, when it is not a duration
     */
    public static Duration parse(String text) {
        String trimmed = text.strip();
        if (!WHOLE.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("'" + shorten(trimmed)
                    + "' is not a duration: write a number and a unit, like 500ms, 5s, 1m30s or 2h");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(trimmed);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        return total;
    }

    /** The shortest text {@link #parse} reads back as {@code duration}, for messages and logs. */
    public static String format(Duration duration) {
        if (duration.toMillisPart() != 0 || duration.isZero()) {
            return duration.toMillis() + "ms";
        }
        StringBuilder out = new StringBuilder();
        long hours = duration.toHours();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            out.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0) {
            out.append(duration.toSecondsPart()).append('s');
        }
        return out.toString();
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
