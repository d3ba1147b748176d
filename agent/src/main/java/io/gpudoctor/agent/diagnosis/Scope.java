package io.gpudoctor.agent.diagnosis;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a finding is about the host or about one container. */
public enum Scope {
    HOST, CONTAINER;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
