package io.gpudoctor.agent.host.proc;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

import java.nio.charset.StandardCharsets;

/**
 * Any {@code /proc/stat} or {@code /proc/<pid>/stat}: the time or none, never an exception (a fuzz
 * test fails on any exception its target throws).
 */
@Tag("fuzz")
class ProcStatFuzzTest {

    @FuzzTest
    void any_proc_stat_yields_a_boot_time_or_none(FuzzedDataProvider data) {
        ProcStat.bootTime(text(data));
    }

    @FuzzTest
    void any_pid_stat_yields_start_ticks_or_none(FuzzedDataProvider data) {
        ProcStat.startTicks(text(data));
    }

    private static String text(FuzzedDataProvider data) {
        return new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
    }
}
