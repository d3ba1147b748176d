package io.gpudoctor.agent.container.facts;

import io.gpudoctor.agent.hostfs.HostFile;
import java.util.Objects;
import java.util.Optional;

/**
 * One piece of evidence about a container: its value, or why it is unknown (unreadable, escape
 * refused, too large). Hostile or missing files become an unknown fact, never an exception.
 *
 * @param value  the value when known
 * @param reason why the value is unknown; empty when it is known
 * @param <T>    the kind of value
 */
public record Fact<T>(Optional<T> value, String reason) {

    public Fact {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(reason, "reason");
        if (value.isPresent() != reason.isEmpty()) {
            throw new IllegalArgumentException("a fact is either known or has a reason it is not");
        }
    }

    /** A known value. */
    public static <T> Fact<T> known(T value) {
        return new Fact<>(Optional.of(value), "");
    }

    /** An unknown value and why. */
    public static <T> Fact<T> unknown(String reason) {
        return new Fact<>(Optional.empty(), reason.isEmpty() ? "unknown" : reason);
    }

    /** An unknown value because the running user may not read {@code what}. */
    public static <T> Fact<T> denied(String what) {
        return unknown(what + ": " + HostFile.PERMISSION_DENIED);
    }

    /** Whether the value is unknown only because the running user may not read it. */
    public boolean isDenied() {
        return reason.endsWith(HostFile.PERMISSION_DENIED);
    }

    /** Whether the value is known. */
    public boolean isKnown() {
        return value.isPresent();
    }
}
