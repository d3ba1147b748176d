package io.gpudoctor.agent.serve;

import io.gpudoctor.agent.collect.Collection;
import io.gpudoctor.agent.collect.CollectionSettings;
import io.gpudoctor.agent.doctor.HostDiagnosis;
import io.gpudoctor.agent.driver.DriverConnection;
import io.gpudoctor.agent.host.HostFileReader;
import io.gpudoctor.agent.host.HostPaths;
import io.gpudoctor.agent.host.agent.AgentFiles;
import io.gpudoctor.agent.host.agent.AgentFilesCheck;
import io.gpudoctor.agent.metrics.PrometheusExposition;
import io.gpudoctor.agent.web.ListenAddress;
import io.gpudoctor.agent.web.WebInputs;
import io.gpudoctor.agent.web.WebLimits;
import io.gpudoctor.agent.web.WebServer;
import io.gpudoctor.agent.web.WebServerException;
import io.gpudoctor.agent.web.access.AccessPolicy;
import io.gpudoctor.agent.web.access.NetnsContainerAddresses;
import io.gpudoctor.agent.web.auth.BasicAuthenticator;
import io.gpudoctor.agent.web.config.PemSource;
import io.gpudoctor.agent.web.config.TlsSettings;
import io.gpudoctor.agent.web.config.WebConfig;
import io.gpudoctor.agent.web.config.WebConfigException;
import io.gpudoctor.agent.web.config.WebConfigLoader;
import io.gpudoctor.agent.web.page.StatusPage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gpu-doctor serve}, running: the collection (sampler, Xid events, host diagnosis) and the
 * HTTP server over its state. Everything a misconfiguration can break (the listen address, the
 * web config, the port) is checked before collection starts, so a bad start fails in one line
 * and leaves no thread behind.
 */
public final class Daemon implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    /** How long a container's network addresses are trusted before the host is read again. */
    private static final Duration ADDRESS_BOOK_AGE = Duration.ofSeconds(5);

    private final Collection collection;
    private final WebServer server;

    private Daemon(Collection collection, WebServer server) {
        this.collection = collection;
        this.server = server;
    }

    /**
     * Starts serving {@code driver}'s GPUs and the host under {@code root}.
     *
     * @param configFile the {@code --config} file the settings came from, if any: its permissions are judged
     * @throws DaemonStartException with a one-line message when the settings cannot be served
     */
    public static Daemon start(DriverConnection driver, Path root, ServeSettings settings, Optional<Path> configFile,
                               String version, Clock clock) throws DaemonStartException {
        ListenAddress address;
        WebConfig webConfig;
        try {
            address = ListenAddress.parse(settings.listenAddress());
            webConfig = settings.webConfigFile().isPresent()
                    ? WebConfigLoader.load(settings.webConfigFile().get()) : WebConfig.none();
        } catch (IllegalArgumentException | WebConfigException e) {
            throw new DaemonStartException(e.getMessage(), e);
        }
        HostPaths paths = HostPaths.of(root);
        Optional<BasicAuthenticator> users = webConfig.basicAuthUsers().isEmpty()
                ? Optional.empty() : Optional.of(new BasicAuthenticator(webConfig.basicAuthUsers()));
        AccessPolicy access = new AccessPolicy(users, settings.loopbackWithoutAuth(),
                new NetnsContainerAddresses(new HostFileReader(paths), clock, ADDRESS_BOOK_AGE), address.port());
        Optional<Path> keyFile = webConfig.tls().map(TlsSettings::privateKey)
                .flatMap(key -> key instanceof PemSource.File file ? Optional.of(file.path()) : Optional.empty());
        AgentFiles agentFiles = AgentFiles.read(configFile, settings.webConfigFile(), keyFile);
        agentFiles.files().stream().map(AgentFilesCheck::problem).flatMap(Optional::stream)
                .forEach(problem -> LOG.warn("{}; make it private to the daemon's user", problem));
        CollectionSettings collect = collectionSettings(settings);
        HostDiagnosis doctor = new HostDiagnosis(collect.kernelLog(), collect.callDeadline(), clock)
                .withAgentFiles(agentFiles);
        Collection collection = Collection.start(driver, paths, collect, doctor, clock);
        try {
            WebInputs inputs = new WebInputs(collection.source(),
                    new PrometheusExposition(() -> collection.source().current(), version, clock,
                            settings.metricsCompat()), new StatusPage(),
                    access, webConfig, WebLimits.DEFAULT.withMaxInFlight(settings.maxRequestsInFlight()), clock);
            WebServer server = WebServer.create(address, inputs);
            server.start();
            LOG.info("gpu-doctor {} started (host root {}, driver {})", version, root, driver.source());
            return new Daemon(collection, server);
        } catch (WebConfigException | WebServerException e) {
            collection.close();
            throw new DaemonStartException(e.getMessage(), e);
        }
    }

    /** The port the server listens on (the one asked for, or the one given for port 0). */
    public int port() {
        return server.port();
    }

    /** Stops the server (requests in progress get up to its stop timeout), then collection. */
    @Override
    public void close() {
        server.stop();
        collection.close();
    }

    private static CollectionSettings collectionSettings(ServeSettings s) {
        CollectionSettings settings = CollectionSettings.defaults()
                .withInterval(s.collectInterval())
                .withCallDeadline(s.callTimeout())
                .withTopProcesses(s.topProcesses())
                .withDiagnosisInterval(s.diagnoseInterval())
                .withRediagnoseInterval(s.rediagnoseInterval());
        return s.kmsgPath().map(settings::withKernelLog).orElse(settings);
    }
}
