package io.gpudoctor.agent.container.facts;

import java.util.Optional;

/**
 * Parses the {@code Max locked memory} row of {@code /proc/<pid>/limits}
 * ({@code Max locked memory   8388608   8388608   bytes}, or {@code unlimited}). A pure function.
 */
final class LimitsParser {

    private static final String ROW = "Max locked memory";
    private static final String UNLIMITED = "unlimited";

    private LimitsParser() {
    }

    /** The locked-memory limit, or empty when the text has no well-formed row for it. */
    public static Optional<LockedMemoryLimit> lockedMemory(String limits) {
        for (String line : limits.split("\n")) {
            if (!line.startsWith(ROW)) {
                continue;
            }
            String[] fields = line.substring(ROW.length()).trim().split("\\s+");
            if (fields.length < 2) {
                return Optional.empty();
            }
            Optional<Optional<Long>> soft = value(fields[0]);
            Optional<Optional<Long>> hard = value(fields[1]);
            if (soft.isEmpty() || hard.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new LockedMemoryLimit(soft.get(), hard.get()));
        }
        return Optional.empty();
    }

    /** A byte count, empty inside for unlimited; empty outside when the field is neither. */
    private static Optional<Optional<Long>> value(String field) {
        if (field.equals(UNLIMITED)) {
            return Optional.of(Optional.empty());
        }
        if (!field.matches("\\d{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Optional.of(Long.parseLong(field)));
    }
}
