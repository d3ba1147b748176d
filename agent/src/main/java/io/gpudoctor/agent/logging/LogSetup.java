package io.gpudoctor.agent.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Logging, configured in code rather than from XML: logback's XML configurator and the parser
 * under it load some six hundred classes, a fifth of what the daemon loads at start.
 *
 * <p>One-shot commands (diagnose, gpus, compat) write their answer on stdout, so their log lines go
 * to stderr, warnings and errors only. The daemon switches to {@link #daemon(String)}: one logfmt
 * line per event on stdout, which journald or the container runtime takes; a message never spans
 * lines, so one event is always one journal entry.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    private static final String COMMAND_PATTERN = "gpu-doctor: %level %replace(%msg){'[\\r\\n]+', ' '}%n";
    private static final String DAEMON_PATTERN = "ts=%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} level=%level logger=%logger{0}"
            + " msg=\"%replace(%replace(%msg){'[\\r\\n]+', ' '}){'\"', '\\\\\"'}\"%n";

    /** Called by logback when the first logger is asked for: the one-shot commands' setup. */
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        apply(context, "System.err", COMMAND_PATTERN, Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Switches to the daemon's logging.
     *
     * @param level {@code debug}, {@code info}, {@code warn} or {@code error}
     */
    public static void daemon(String level) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        apply(context, "System.out", DAEMON_PATTERN, Level.toLevel(level.toUpperCase(Locale.ROOT), Level.INFO));
    }

    private static void apply(LoggerContext context, String target, String pattern, Level level) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget(target);
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        root.addAppender(console);
        // Jetty's and Javalin's routine lines (thread pools, connectors) are noise in a node's journal.
        context.getLogger("org.eclipse.jetty").setLevel(level.isGreaterOrEqual(Level.WARN) ? Level.ERROR : Level.WARN);
        context.getLogger("io.javalin").setLevel(Level.WARN);
        // Jetty's parser and connections warn about malformed requests quoting the client's bytes
        // (a duplicated Host header, say), before any access check: anyone could fill the journal.
        // The web layer logs such requests itself, rate-limited and without their text.
        for (String echoing : new String[] {"org.eclipse.jetty.http", "org.eclipse.jetty.server.internal",
                "org.eclipse.jetty.io"}) {
            context.getLogger(echoing).setLevel(Level.ERROR);
        }
    }
}
