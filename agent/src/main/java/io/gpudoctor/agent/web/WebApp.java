package io.gpudoctor.agent.web;

import io.gpudoctor.agent.collect.GpuSnapshot;
import io.gpudoctor.agent.json.Json;
import io.gpudoctor.agent.web.access.Access;
import io.gpudoctor.agent.web.access.Caller;
import io.gpudoctor.agent.web.api.ApiException;
import io.gpudoctor.agent.web.api.ErrorCode;
import io.gpudoctor.agent.web.auth.FailedLoginLimiter;
import io.gpudoctor.agent.web.config.TlsContextFactory;
import io.gpudoctor.agent.web.config.WebConfigException;
import io.gpudoctor.agent.web.routes.ContainersDocument;
import io.gpudoctor.agent.web.routes.DiagnoseRoute;
import io.gpudoctor.agent.web.routes.QueryParameters;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the daemon's Javalin app, not started: the routes of DESIGN "HTTP", the JSON error
 * answers, the limits and the access rules. {@link WebServer} starts it; tests hand it to
 * {@code JavalinTest}.
 */
final class WebApp {

    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);
    private static final String X509_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";
    private static final String HTML = "text/html; charset=utf-8";
    private static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:;"
            + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String TEXT = "text/plain; charset=utf-8";
    /** Connections the kernel holds until they are accepted: as many as net.core.somaxconn allows by default (4,096). */
    private static final int ACCEPT_QUEUE = 4096;

    private final WebInputs inputs;
    private final ClientAddress clientAddress;
    private final DiagnoseRoute diagnose;
    private final boolean certificatesAuthenticate;
    private final RefusalLog refusals = new RefusalLog();

    private WebApp(WebInputs inputs, ClientAddress clientAddress) {
        this.inputs = inputs;
        this.clientAddress = clientAddress;
        this.diagnose = new DiagnoseRoute(inputs.state());
        this.certificatesAuthenticate = inputs.config().tls().map(t -> t.clientAuth().verifies()).orElse(false);
    }

    /**
     * The app listening on {@code address} (TLS when the web config turns it on), not started.
     *
     * @throws WebConfigException when the TLS certificate or key cannot be read
     */
    public static Javalin create(ListenAddress address, WebInputs inputs) throws WebConfigException {
        return create(address, inputs, ClientAddress.PEER);
    }

    static Javalin create(ListenAddress address, WebInputs inputs, ClientAddress clientAddress)
            throws WebConfigException {
        Optional<SslContextFactory.Server> tls = inputs.config().tls().isPresent()
                ? Optional.of(TlsContextFactory.create(inputs.config().tls().get())) : Optional.empty();
        WebApp app = new WebApp(inputs, clientAddress);
        return Javalin.create(config -> app.configure(config, address, tls));
    }

    private void configure(JavalinConfig config, ListenAddress address, Optional<SslContextFactory.Server> tls) {
        WebLimits limits = inputs.limits();
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.startup.startupWatcherEnabled = false;
        config.http.prefer405over404 = true;
        config.http.maxRequestSize = 0;
        // /metrics sends the gzip its rendering made once; nothing else is worth a deflater per request.
        config.http.compressionStrategy = CompressionStrategy.NONE;
        config.jetty.threadPool = threadPool(limits);
        BadRequestLog badRequests = new BadRequestLog();
        RequestHeaderTimeout headerTimeout = new RequestHeaderTimeout(limits.idleTimeout(),
                client -> badRequests.rejected(408, client));
        ConnectionBudget budget = new ConnectionBudget(limits);
        config.jetty.modifyHttpConfiguration(http -> {
            http.setRequestHeaderSize(limits.maxRequestHeaderBytes());
            // Jetty's default keeps a trie of header fields per connection: ~16 KiB each, which
            // made 500 busy connections fill a 48 MiB heap. Parsing without it costs a few strings.
            http.setHeaderCacheSize(0);
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
        });
        config.jetty.modifyServer(server -> {
            server.setStopTimeout(limits.stopTimeout().toMillis());
            server.setErrorHandler(new JsonErrorHandler(limits, badRequests));
            // Each insert goes right below the server: the last inserted runs first.
            server.insertHandler(new GracefulHandler());
            server.insertHandler(new FairAdmission(limits));
            inputs.access().authenticator().ifPresent(authenticator ->
                    server.insertHandler(new CredentialGate(authenticator, new FailedLoginLimiter(), limits)));
            server.insertHandler(new HeadAsGet());
            server.insertHandler(new ResponseHeadersHandler(inputs.config().headers()));
            // First of all, so that it sees every request whose header arrived, 503s included.
            server.insertHandler(headerTimeout);
        });
        config.jetty.addConnector((server, http) -> {
            ServerConnector connector = connector(server, http, address, tls, limits, budget);
            connector.addEventListener(headerTimeout);
            connector.addEventListener(budget);
            return connector;
        });

        config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.code(), e.getMessage()));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, switch (e.getStatus()) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            default -> e.getStatus() >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST;
        }, e.getStatus() == 404 ? "no such path: " + LogText.bounded(ctx.path()) : e.getStatus() == 405
                ? ctx.method() + " is not served here; use GET" : "the request cannot be served"));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed: {}", ctx.method(), LogText.bounded(ctx.path()), e.toString());
            error(ctx, ErrorCode.INTERNAL_ERROR, "internal error; the daemon's log says more");
        });

        config.routes.before(this::boundQuery);
        config.routes.get("/metrics", open(this::metrics));
        config.routes.get("/healthz", open(ctx -> ctx.contentType(TEXT).result("ok\n")));
        config.routes.get("/readyz", open(this::readyz));
        config.routes.get("/diagnose", guarded(diagnose::handle));
        config.routes.get("/api/v1/gpus", guarded(this::gpus));
        config.routes.get("/api/v1/containers", guarded(this::containers));
        config.routes.get("/", guarded(this::statusPage));
    }

    private static QueuedThreadPool threadPool(WebLimits limits) {
        // Room for Jetty's acceptor and selector threads besides the requests in flight.
        QueuedThreadPool pool = new QueuedThreadPool(limits.maxInFlight() + 12, 4);
        pool.setName("gpu-doctor-http");
        pool.setDaemon(true);
        return pool;
    }

    private static ServerConnector connector(Server server, HttpConfiguration http, ListenAddress address,
                                             Optional<SslContextFactory.Server> tls, WebLimits limits,
                                             ConnectionBudget budget) {
        ServerConnector connector;
        if (tls.isPresent()) {
            HttpConfiguration https = new HttpConfiguration(http);
            // No SNI host check: scrapers address nodes by IP, which self-signed certificates rarely name.
            https.addCustomizer(new SecureRequestCustomizer(false));
            connector = new SheddingConnector(server, budget, new SslConnectionFactory(tls.get(), "http/1.1"),
                    new HttpConnectionFactory(https));
        } else {
            connector = new SheddingConnector(server, budget, new HttpConnectionFactory(http));
        }
        connector.setHost(address.host().orElse(null));
        connector.setPort(address.port());
        // Jetty's default backlog is the JVM's 50: a reconnecting flood filled it, the kernel dropped
        // a scraper's SYN, and its connect waited out TCP's 1 s, then 2 s, retransmission.
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        // A second past the header deadline (RequestHeaderTimeout), so that a half-sent header
        // meets that deadline, and its 408, rather than Jetty's silent idle close.
        connector.setIdleTimeout(limits.idleTimeout().toMillis() + 1_000);
        return connector;
    }

    private void boundQuery(Context ctx) {
        int parameters = ctx.queryParamMap().values().stream().mapToInt(List::size).sum();
        if (parameters > inputs.limits().maxQueryParameters()) {
            throw new ApiException(ErrorCode.BAD_REQUEST, parameters + " query parameters are more than the "
                    + inputs.limits().maxQueryParameters() + " accepted");
        }
    }

    private void metrics(Context ctx) {
        MetricsExposition.Scrape scrape = inputs.metrics().scrape(Optional.ofNullable(ctx.header("Accept")).orElse(""));
        ctx.contentType(scrape.contentType()).header("Vary", "Accept, Accept-Encoding");
        byte[] body = scrape.bytes();
        if (AcceptEncoding.allowsGzip(ctx.header("Accept-Encoding"))) {
            ctx.header("Content-Encoding", "gzip");
            body = scrape.gzipped();
        }
        // Given, so that HEAD says it too and the body is not sent in chunks.
        ctx.header("Content-Length", Integer.toString(body.length)).result(body);
    }

    private void readyz(Context ctx) {
        if (!inputs.state().current().ready()) {
            throw new ApiException(ErrorCode.NOT_READY, "the first collection has not finished yet");
        }
        ctx.contentType(TEXT).result("ready\n");
    }

    private void gpus(Context ctx, Access access) {
        requireEverything(access);
        ctx.contentType("application/json").result(Json.write(snapshot().inventory()));
    }

    private void containers(Context ctx, Access access) {
        requireEverything(access);
        ctx.contentType("application/json").result(Json.write(ContainersDocument.of(snapshot())));
    }

    private void statusPage(Context ctx, Access access) {
        // The page needs nothing but its own inline styles; as a header (unlike the page's meta tag)
        // the policy can also forbid framing. An operator's own policy from the web config wins.
        if (inputs.config().headers().keySet().stream().noneMatch("Content-Security-Policy"::equalsIgnoreCase)) {
            ctx.header("Content-Security-Policy", PAGE_POLICY);
        }
        ctx.header("X-Content-Type-Options", "nosniff");
        if (access instanceof Access.OwnContainers) {
            // Checked before it is used, as /diagnose checks it: only ?container= naming the caller's own.
            QueryParameters query = QueryParameters.of(ctx.queryParamMap(), Set.of("container"));
            ctx.contentType(HTML).result(inputs.statusPage().renderContainer(
                    diagnose.diagnosisFor(access, query.get("container")), inputs.clock().instant()));
            return;
        }
        ctx.contentType(HTML).result(inputs.statusPage().render(inputs.state().current(), inputs.clock().instant()));
    }

    private GpuSnapshot snapshot() {
        return inputs.state().current().gpus()
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_READY, "the first collection has not finished yet"));
    }

    private static void requireEverything(Access access) {
        if (access instanceof Access.OwnContainers) {
            throw new ApiException(ErrorCode.FORBIDDEN,
                    "a client in a container may only ask / and /diagnose, for its own container");
        }
    }

    /** A route behind the access rules: it runs only for clients that may see something. */
    private Handler guarded(BiConsumer<Context, Access> route) {
        return ctx -> route.accept(ctx, admitted(ctx, inputs.access().decide(caller(ctx))));
    }

    /** A route open to all unless basic auth is configured, when it asks for credentials like every path. */
    private Handler open(Handler route) {
        return ctx -> {
            admitted(ctx, inputs.access().decideOpen(caller(ctx)));
            route.handle(ctx);
        };
    }

    private Access admitted(Context ctx, Access access) {
        if (access instanceof Access.Challenge challenge) {
            ctx.header("WWW-Authenticate", "Basic realm=\"gpu-doctor\", charset=\"UTF-8\"");
            throw new ApiException(ErrorCode.UNAUTHORIZED, challenge.reason());
        }
        if (access instanceof Access.Denied denied) {
            refusals.refused(ctx.method().toString(), ctx.path(), denied.reason());
            throw new ApiException(ErrorCode.FORBIDDEN, denied.reason());
        }
        return access;
    }

    private Caller caller(Context ctx) {
        boolean verified = certificatesAuthenticate && ctx.req().getAttribute(X509_ATTRIBUTE)
                instanceof X509Certificate[] chain && chain.length > 0;
        return new Caller(clientAddress.of(ctx), Optional.ofNullable(ctx.header("Authorization")), verified);
    }

    private void error(Context ctx, ErrorCode code, String message) {
        if (code.retryLater()) {
            ctx.header("Retry-After", inputs.limits().retryAfterSeconds());
        }
        ctx.status(code.status());
        if (asksForText(ctx)) {
            // A person's curl asked for text: the refusal is read by the same person, in the same form.
            ctx.contentType(TEXT).result("gpu-doctor: " + message + " (" + code.name() + ")\n");
        } else {
            ctx.contentType(ErrorDocument.CONTENT_TYPE).result(ErrorDocument.json(code, message));
        }
    }

    /** Whether the request asked for text ({@code ?format=text}); a malformed query is taken as not. */
    private static boolean asksForText(Context ctx) {
        try {
            return "text".equals(ctx.queryParam("format"));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
