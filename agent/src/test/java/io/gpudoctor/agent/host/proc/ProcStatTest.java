package io.gpudoctor.agent.host.proc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void bootTimeIsTheBtimeLine() {
        assertThat(ProcStat.bootTime("cpu  1 2 3\nintr 5\nbtime 1763884800\nprocesses 42\n")).hasValue(1763884800L);
    }

    @Test
    void aStatWithoutBtimeHasNoBootTime() {
        assertThat(ProcStat.bootTime("cpu 1 2 3\n")).isEmpty();
        assertThat(ProcStat.bootTime("btime soon\n")).isEmpty();
        assertThat(ProcStat.bootTime("")).isEmpty();
    }

    @Test
    void startTicksAreFieldTwentyTwoEvenWhenTheCommandHoldsSpacesAndParentheses() {
        String stat = "4242 (evil) name (x)) S 1 4242 4242 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 12 0 98765 1000 50";

        assertThat(ProcStat.startTicks(stat)).hasValue(98765L);
    }

    @Test
    void aTruncatedStatHasNoStartTime() {
        assertThat(ProcStat.startTicks("4242 (dockerd) S 1 4242")).isEmpty();
        assertThat(ProcStat.startTicks("garbage")).isEmpty();
        assertThat(ProcStat.startTicks("")).isEmpty();
    }
}
