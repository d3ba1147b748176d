package io.gpudoctor.agent.host.kmsg;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any kernel log ({@code /dev/kmsg} records, dmesg, syslog or journal lines): its messages, never an
 * exception or a runaway regular expression (a fuzz test fails on any exception or timeout).
 */
@Tag("fuzz")
class KernelLogLinesFuzzTest {

    @FuzzTest
    void any_kernel_log_yields_messages(FuzzedDataProvider data) {
        String log = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);

        assertThat(KernelLogLines.parse(log)).allSatisfy(message -> assertThat(message).doesNotContain("\n"));
    }
}
