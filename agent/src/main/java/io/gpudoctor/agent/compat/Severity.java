package io.gpudoctor.agent.compat;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How bad an answer is, in DESIGN.md's words: {@code info}, {@code warn}, {@code error} (ordered). */
public enum Severity {
    INFO, WARN, ERROR;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Severity worse(Severity other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
