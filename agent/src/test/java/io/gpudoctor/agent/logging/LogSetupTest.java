package io.gpudoctor.agent.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogSetupTest {

    private final PrintStream stdout = System.out;
    private final PrintStream stderr = System.err;

    @AfterEach
    void restore() {
        System.setOut(stdout);
        System.setErr(stderr);
        commandSetup();
    }

    @Test
    void aCommandLogsWarningsOnStderrAndKeepsStdoutForItsAnswer() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        commandSetup();

        Logger log = LoggerFactory.getLogger("io.gpudoctor.agent.logging.Test");
        log.info("routine");
        log.warn("worth knowing");

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("gpu-doctor: WARN worth knowing\n");
    }

    private static void commandSetup() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        LogSetup setup = new LogSetup();
        setup.setContext(context);
        setup.configure(context);
    }

    @Test
    void oneEventIsOneLogfmtLineEvenWhenItsMessageSpansLines() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        LogSetup.daemon("info");

        Logger log = LoggerFactory.getLogger("io.gpudoctor.agent.logging.Test");
        log.info("first line\nsecond \"quoted\" line");

        String written = out.toString(StandardCharsets.UTF_8);
        assertThat(written.lines()).hasSize(1);
        assertThat(written).contains("level=INFO logger=Test msg=\"first line second \\\"quoted\\\" line\"");
    }

    @Test
    void theLevelSettingHidesWhatIsBelowIt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        LogSetup.daemon("warn");

        LoggerFactory.getLogger("io.gpudoctor.agent.logging.Test").info("routine");

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void jettysWarningsThatQuoteAClientsRequestAreNotLoggedEvenAtDebug() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        LogSetup.daemon("debug");

        // As Jetty's HttpParser words a duplicated Host header, quoting what the client sent.
        LoggerFactory.getLogger("org.eclipse.jetty.http.HttpParser").warn("Encountered multiple `Host` headers: `evil`");
        LoggerFactory.getLogger("org.eclipse.jetty.server.internal.HttpConnection").warn("bad request `evil`");

        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("evil");
    }
}
