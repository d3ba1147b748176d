package io.gpudoctor.agent.web;

import io.gpudoctor.agent.web.config.WebConfigException;
import io.javalin.Javalin;
import java.net.BindException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP server: {@link WebApp}'s app bound to a listen address. {@link #stop()} lets
 * requests in flight finish for at most {@link WebLimits#stopTimeout()} and drops idle and
 * half-sent connections at once.
 */
public final class WebServer {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

    private final Javalin app;
    private final ListenAddress address;
    private final boolean tls;
    private String listening;

    private WebServer(Javalin app, ListenAddress address, boolean tls) {
        this.app = app;
        this.address = address;
        this.tls = tls;
        this.listening = address.toString();
    }

    /**
     * A server for {@code inputs} on {@code address}, not started.
     *
     * @throws WebConfigException when the web config's certificate or key cannot be read
     */
    public static WebServer create(ListenAddress address, WebInputs inputs) throws WebConfigException {
        return new WebServer(WebApp.create(address, inputs), address, inputs.config().tls().isPresent());
    }

    /**
     * Binds and serves.
     *
     * @throws WebServerException when the address cannot be bound (in use, not local, no permission)
     */
    public void start() throws WebServerException {
        try {
            app.start();
        } catch (RuntimeException e) {
            stopQuietly();
            throw new WebServerException("cannot listen on " + address + ": " + reason(e));
        }
        listening = new ListenAddress(address.host(), port()).toString();
        LOG.info("listening on {} ({})", listening, tls ? "HTTPS" : "HTTP");
    }

    /** Stops serving; returns within the stop timeout plus a little. */
    public void stop() {
        app.stop();
        LOG.info("stopped listening on {}", listening);
    }

    /** The port bound: the configured one, or the one the system chose for port 0. */
    public int port() {
        return app.port();
    }

    private void stopQuietly() {
        try {
            app.stop();
        } catch (RuntimeException e) {
            LOG.debug("stopping after a failed start: {}", e.toString());
        }
    }

    private static String reason(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException bind) {
                return bind.getMessage() == null ? "address in use or not local" : bind.getMessage();
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
