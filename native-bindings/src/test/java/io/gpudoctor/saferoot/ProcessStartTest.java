package io.gpudoctor.saferoot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcessStartTest {

    @Test
    void theStartTimeIsField22CountedAfterTheLastParenthesisOfComm() {
        String stat = "77 (evil) 9 9 9 9 (x)) R 1 77 77 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 123456 1000 10";

        assertThat(ProcessStart.parse(stat)).hasValue(123456);
    }

    @Test
    void aTruncatedOrGarbledStatLineHasNoStartTime() {
        assertThat(ProcessStart.parse("77 (x) R 1 2 3")).isEmpty();
        assertThat(ProcessStart.parse("no parenthesis at all")).isEmpty();
        assertThat(ProcessStart.parse("7 (x) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 notanumber")).isEmpty();
    }

    @Test
    void theTestJvmHasAStartTime() {
        assertThat(ProcessStart.of(Path.of("/proc"), ProcessHandle.current().pid())).isPresent();
    }
}
