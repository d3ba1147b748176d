package io.gpudoctor.agent.diagnosis;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How bad a finding is; the verdict of a diagnosis is its worst. */
public enum Severity {
    INFO, WARN, ERROR;

    /** The name in JSON and text: {@code info}, {@code warn}, {@code error}. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
