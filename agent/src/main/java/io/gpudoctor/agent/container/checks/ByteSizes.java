package io.gpudoctor.agent.container.checks;

/** Byte counts as people read them in findings: {@code 64 MiB}, {@code 8 GiB}, {@code 512 bytes}. */
final class ByteSizes {

    private static final String[] UNITS = {"bytes", "KiB", "MiB", "GiB", "TiB"};

    private ByteSizes() {
    }

    static String human(long bytes) {
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return (value == Math.rint(value) ? String.valueOf((long) value) : String.format("%.1f", value))
                + " " + UNITS[unit];
    }
}
