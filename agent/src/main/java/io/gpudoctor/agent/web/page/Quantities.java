package io.gpudoctor.agent.web.page;

import java.time.Duration;
import java.util.Locale;

/** Numbers as people read them on the page: binary sizes, short ages, percentages. */
final class Quantities {

    private static final String[] BINARY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Quantities() {
    }

    /** {@code 80.0 GiB}, {@code 512 MiB}, {@code 0 B}: one decimal from GiB up. */
    static String bytes(long bytes) {
        double value = Math.max(0, bytes);
        int unit = 0;
        while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        String pattern = unit >= 3 ? "%.1f %s" : "%.0f %s";
        return String.format(Locale.ROOT, pattern, value, BINARY_UNITS[unit]);
    }

    /** {@code 45 s}, {@code 3 min 20 s}, {@code 2 h 5 min}, {@code 3 d 4 h}: the two largest units. */
    static String age(Duration age) {
        long s = Math.max(0, age.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        if (s < 86_400) {
            return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
        }
        return s / 86_400 + " d" + (s % 86_400 / 3600 == 0 ? "" : " " + s % 86_400 / 3600 + " h");
    }

    /** {@code part} of {@code whole} in percent, 0 when the whole is not positive. */
    static double percent(long part, long whole) {
        return whole <= 0 ? 0 : Math.min(100, Math.max(0, 100.0 * part / whole));
    }

    /** {@code 93 %}. */
    static String percentText(double percent) {
        return String.format(Locale.ROOT, "%.0f %%", percent);
    }

    /** {@code 512 W}. */
    static String watts(double watts) {
        return String.format(Locale.ROOT, "%.0f W", watts);
    }
}
