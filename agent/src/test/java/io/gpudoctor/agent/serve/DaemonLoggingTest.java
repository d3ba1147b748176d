package io.gpudoctor.agent.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class DaemonLoggingTest {

    private final PrintStream stdout = System.out;

    @AfterEach
    void restore() {
        System.setOut(stdout);
        DaemonLogging.configure("warn");
    }

    @Test
    void oneEventIsOneLogfmtLineEvenWhenItsMessageSpansLines() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        DaemonLogging.configure("info");

        Logger log = LoggerFactory.getLogger("io.gpudoctor.agent.serve.Test");
        log.info("first line\nsecond \"quoted\" line");

        String written = out.toString(StandardCharsets.UTF_8);
        assertThat(written.lines()).hasSize(1);
        assertThat(written).contains("level=INFO logger=Test msg=\"first line second \\\"quoted\\\" line\"");
    }

    @Test
    void theLevelSettingHidesWhatIsBelowIt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        DaemonLogging.configure("warn");

        LoggerFactory.getLogger("io.gpudoctor.agent.serve.Test").info("routine");

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
