package io.gpudoctor.saferoot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A process's start time (field 22 of {@code /proc/<pid>/stat}, in clock ticks since boot): together
 * with the pid it names one process, because a reused pid gets a later start time.
 */
final class ProcessStart {

    /** Fields after the closing parenthesis of comm start at field 3 (state); starttime is field 22. */
    private static final int STARTTIME_AFTER_COMM = 22 - 3;

    private ProcessStart() {
    }

    /** The start time of {@code pid}, or empty when there is no such process (any more). */
    static OptionalLong of(Path procRoot, long pid) {
        String stat;
        try {
            stat = Files.readString(procRoot.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return parse(stat);
    }

    /** Parses a stat line; comm may hold spaces and parentheses, so fields are counted after the last ')'. */
    static OptionalLong parse(String stat) {
        int commEnd = stat.lastIndexOf(')');
        if (commEnd < 0) {
            return OptionalLong.empty();
        }
        String[] fields = stat.substring(commEnd + 1).trim().split("\\s+");
        if (fields.length <= STARTTIME_AFTER_COMM) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(fields[STARTTIME_AFTER_COMM]));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
