package io.gpudoctor.agent.settings;

import java.util.Locale;

/**
 * Which other exporter's series {@code /metrics} also writes ({@code --metrics.compat}): none, or
 * dcgm-exporter's {@code DCGM_FI_*} families, so that its dashboards, alerts and autoscaling rules
 * work unchanged.
 */
public enum MetricsCompat {
    NONE, DCGM;

    /** {@code none} or {@code dcgm}; anything else is a clear error. */
    public static MetricsCompat parse(String text) {
        for (MetricsCompat c : values()) {
            if (c.label().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is neither none nor dcgm");
    }

    /** As the flag and the config file write it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }
}
