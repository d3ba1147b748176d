package io.gpudoctor.agent.cli;

import io.gpudoctor.agent.logging.LogSetup;
import io.gpudoctor.agent.metrics.MetricsCompat;
import io.gpudoctor.agent.serve.ConfigFileException;
import io.gpudoctor.agent.serve.Daemon;
import io.gpudoctor.agent.serve.DaemonStartException;
import io.gpudoctor.agent.serve.DurationText;
import io.gpudoctor.agent.serve.ServeConfigFile;
import io.gpudoctor.agent.serve.ServeOverrides;
import io.gpudoctor.agent.serve.ServeSettings;
import io.gpudoctor.agent.simulate.ScenarioException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gpu-doctor serve}: the daemon. Settings come from the defaults, then {@code --config},
 * then the flags; it runs until SIGTERM or SIGINT, and then stops within the server's stop timeout.
 */
@Command(name = "serve",
        description = {"Run the daemon: Prometheus metrics on /metrics, /diagnose, /api/v1/gpus, /api/v1/containers"
                + " and a status page on /.",
                "Flags override the --config file; the file's keys are the flags' names split at the dot."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DriverMixin driver;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
    private Path config;

    @Option(names = "--web.listen-address", paramLabel = "HOST:PORT",
            description = "Address to listen on (default: :9842).")
    private String listenAddress;

    @Option(names = "--web.config.file", paramLabel = "FILE",
            description = "Prometheus exporter-toolkit web configuration (TLS, basic auth, headers).")
    private Path webConfig;

    @Option(names = "--web.max-requests-in-flight", paramLabel = "N",
            description = "Requests answered at once; more wait up to 2 s, fewest outstanding per client first, then get 503 (default: 16).")
    private Integer maxRequestsInFlight;

    @Option(names = "--web.loopback-without-auth", paramLabel = "true|false", arity = "0..1",
            description = "With basic-auth users in the web config, still let loopback clients in without"
                    + " credentials (default: false; every path asks everyone, as exporter-toolkit does).")
    private Boolean loopbackWithoutAuth;

    @Option(names = "--kmsg.path", paramLabel = "FILE",
            description = "Read the kernel log from this file instead of the host's /dev/kmsg.")
    private Path kmsgPath;

    @Option(names = "--collect.interval", paramLabel = "DURATION",
            description = "Time between two GPU collections (default: 5s).")
    private String collectInterval;

    @Option(names = "--collect.call-timeout", paramLabel = "DURATION",
            description = "Deadline of each driver call; a call past it is abandoned (default: 2s).")
    private String callTimeout;

    @Option(names = "--collect.top-processes", paramLabel = "N",
            description = "Per-process metric series per GPU, the largest first (default: 32).")
    private Integer topProcesses;

    @Option(names = "--diagnose.interval", paramLabel = "DURATION",
            description = "Time between two host diagnoses (default: 60s).")
    private String diagnoseInterval;

    @Option(names = "--containers.rediagnose-interval", paramLabel = "DURATION",
            description = "Time a container that asked for a GPU keeps its findings before it is diagnosed"
                    + " again; a new container is diagnosed when it appears (default: 5m).")
    private String rediagnoseInterval;

    @Option(names = "--log.level", paramLabel = "LEVEL", description = "debug, info, warn or error (default: info).")
    private String logLevel;

    @Option(names = "--metrics.compat", paramLabel = "MODE",
            description = "none, or dcgm: also export dcgm-exporter's DCGM_FI_* families, units and labels, so its"
                    + " dashboards and alerts work unchanged (default: none).")
    private String metricsCompat;

    @Override
    public Integer call() throws InterruptedException {
        ServeSettings settings;
        HostRoots host;
        Daemon daemon;
        try {
            ServeOverrides file = config == null ? ServeOverrides.NONE : ServeConfigFile.read(config);
            settings = ServeSettings.DEFAULTS.with(file).with(flags());
            LogSetup.daemon(settings.logLevel());
            host = HostRoots.of(settings.driverOptions());
            daemon = Daemon.start(host.driver(), host.root(), settings, Optional.ofNullable(config),
                    BuildInfo.version(), Clock.systemUTC());
        } catch (ConfigFileException | ScenarioException | DaemonStartException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("gpu-doctor serve: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LoggerFactory.getLogger(ServeCommand.class).info("stopping: the process was asked to end");
            daemon.close();
            stopped.countDown();
        }, "gpu-doctor-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }

    private ServeOverrides flags() {
        boolean rootGiven = spec.commandLine().getParseResult().hasMatchedOption("--path.rootfs");
        return new ServeOverrides(
                Optional.ofNullable(listenAddress),
                Optional.ofNullable(webConfig),
                rootGiven ? Optional.of(driver.rootfs) : Optional.empty(),
                Optional.ofNullable(driver.nvmlLibrary),
                Optional.ofNullable(driver.cudaLibrary),
                Optional.ofNullable(driver.simulate),
                duration("--collect.interval", collectInterval),
                duration("--collect.call-timeout", callTimeout),
                Optional.ofNullable(topProcesses),
                duration("--diagnose.interval", diagnoseInterval),
                duration("--containers.rediagnose-interval", rediagnoseInterval),
                Optional.ofNullable(kmsgPath),
                Optional.ofNullable(maxRequestsInFlight),
                Optional.ofNullable(logLevel),
                Optional.ofNullable(loopbackWithoutAuth),
                Optional.ofNullable(metricsCompat).map(MetricsCompat::parse));
    }

    private static Optional<Duration> duration(String flag, String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(DurationText.parse(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
        }
    }
}
