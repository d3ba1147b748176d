package io.gpudoctor.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void longClientTextIsCutAndSaysHowLongItWas() {
        assertThat(LogText.bounded("/" + "a".repeat(10_000))).hasSizeLessThan(LogText.MAX + 30).endsWith("(10001 chars)");
    }

    @Test
    void controlCharactersCannotStartAnotherLogLine() {
        assertThat(LogText.bounded("/x\r\nlevel=ERROR msg=forged")).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void ordinaryTextIsKept() {
        assertThat(LogText.bounded("/diagnose")).isEqualTo("/diagnose");
    }
}
