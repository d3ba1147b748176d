package io.gpudoctor.agent.serve;

import io.gpudoctor.agent.container.HostView;
import io.gpudoctor.agent.collect.Collection;
import io.gpudoctor.agent.collect.CollectionSettings;
import io.gpudoctor.agent.doctor.HostDiagnosis;
import io.gpudoctor.agent.driver.DriverConnection;
import io.gpudoctor.agent.host.agent.AgentFiles;
import io.gpudoctor.agent.host.agent.AgentFilesCheck;
import io.gpudoctor.agent.metrics.PrometheusExposition;
import io.gpudoctor.agent.settings.ServeSettings;
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
import java.util.concurrent.atomic.AtomicInteger;
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
            address = ListenAddress.parse(settings.get(ServeSettings.LISTEN_ADDRESS));
            Optional<Path> webConfigFile = settings.find(ServeSettings.WEB_CONFIG_FILE);
            webConfig = webConfigFile.isPresent() ? WebConfigLoader.load(webConfigFile.get()) : WebConfig.none();
        } catch (IllegalArgumentException | WebConfigException e) {
            throw new DaemonStartException(e.getMessage(), e);
        }
        HostView host = HostView.at(root, clock);
        Optional<BasicAuthenticator> users = webConfig.basicAuthUsers().isEmpty()
                ? Optional.empty() : Optional.of(new BasicAuthenticator(webConfig.basicAuthUsers()));
        AccessPolicy access = new AccessPolicy(users, settings.get(ServeSettings.LOOPBACK_WITHOUT_AUTH),
                new NetnsContainerAddresses(host.containers(), clock, ADDRESS_BOOK_AGE), address.port());
        Optional<Path> keyFile = webConfig.tls().map(TlsSettings::privateKey)
                .flatMap(key -> key instanceof PemSource.File file ? Optional.of(file.path()) : Optional.empty());
        AgentFiles agentFiles = AgentFiles.read(configFile, settings.find(ServeSettings.WEB_CONFIG_FILE), keyFile);
        agentFiles.files().stream().map(AgentFilesCheck::problem).flatMap(Optional::stream)
                .forEach(problem -> LOG.warn("{}; make it private to the daemon's user", problem));
        CollectionSettings collect = CollectionSettings.of(settings);
        HostDiagnosis doctor = new HostDiagnosis(collect.kernelLog(), collect.callDeadline(), clock)
                .withAgentFiles(agentFiles)
                .withExpectedGpus(settings.expectedGpus());
        Collection collection = Collection.start(driver, host, collect, doctor, clock);
        // The status page names the port containers call; with port 0 it is known once bound.
        AtomicInteger boundPort = new AtomicInteger(address.port());
        try {
            WebInputs inputs = new WebInputs(collection.source(),
                    new PrometheusExposition(() -> collection.source().current(), version, clock,
                            settings.get(ServeSettings.METRICS_COMPAT)),
                    new StatusPage(address, boundPort::get),
                    access, webConfig, WebLimits.DEFAULT.withMaxInFlight(settings.get(ServeSettings.MAX_REQUESTS_IN_FLIGHT)), clock);
            WebServer server = WebServer.create(address, inputs);
            server.start();
            boundPort.set(server.port());
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
}
