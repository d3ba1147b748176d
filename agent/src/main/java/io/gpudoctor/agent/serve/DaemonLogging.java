package io.gpudoctor.agent.serve;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * Switches logging from the one-shot commands' configuration (warnings on stderr) to the daemon's:
 * one logfmt line per event on stdout at the configured level.
 */
public final class DaemonLogging {

    private static final String CONFIGURATION = "/io/gpudoctor/agent/serve/logback-serve.xml";

    private DaemonLogging() {
    }

    /** @param level {@code debug}, {@code info}, {@code warn} or {@code error} */
    public static void configure(String level) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        context.putProperty("gpudoctor.log.level", level.toUpperCase(Locale.ROOT));
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        URL configuration = Objects.requireNonNull(DaemonLogging.class.getResource(CONFIGURATION), CONFIGURATION);
        try {
            configurator.doConfigure(configuration);
        } catch (JoranException e) {
            throw new IllegalStateException("the daemon's logging configuration " + CONFIGURATION + " is broken", e);
        }
    }
}
