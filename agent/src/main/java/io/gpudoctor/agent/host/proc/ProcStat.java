package io.gpudoctor.agent.host.proc;

import java.util.OptionalLong;

/** Pure parsers of {@code /proc/stat} and {@code /proc/<pid>/stat}. */
public final class ProcStat {

    private ProcStat() {
    }

    /** The {@code btime} line of {@code /proc/stat}: boot time in seconds since the epoch. */
    public static OptionalLong bootTime(String procStat) {
        for (String line : procStat.split("\n")) {
            if (line.startsWith("btime ")) {
                try {
                    return OptionalLong.of(Long.parseLong(line.substring(6).strip()));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Field 22 of {@code /proc/<pid>/stat}, the start time in clock ticks after boot. The command
     * name (field 2) may hold spaces and parentheses, so fields are counted after its last ')'.
     */
    public static OptionalLong startTicks(String pidStat) {
        int close = pidStat.lastIndexOf(')');
        if (close < 0) {
            return OptionalLong.empty();
        }
        String[] fields = pidStat.substring(close + 1).strip().split("\\s+");
        // fields[0] is field 3 (state), so field 22 is fields[19].
        if (fields.length < 20) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(fields[19]));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
