package io.gpudoctor.nvml;

/** MIG mode now and after the next GPU reset. */
public record MigMode(boolean current, boolean pending) {
}
