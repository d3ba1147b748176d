package io.gpudoctor.agent.faults;

import io.gpudoctor.agent.driver.DriverConnection;
import io.gpudoctor.agent.driver.DriverConnector;
import io.gpudoctor.agent.serve.ConfigFileException;
import io.gpudoctor.agent.serve.Daemon;
import io.gpudoctor.agent.serve.DaemonStartException;
import io.gpudoctor.agent.serve.RunningDaemon;
import io.gpudoctor.agent.serve.ServeConfigFile;
import io.gpudoctor.agent.settings.ServeSettings;
import io.gpudoctor.agent.simulate.LoadedScenario;
import io.gpudoctor.agent.simulate.ScenarioException;
import io.gpudoctor.agent.simulate.ScenarioLoader;
import io.gpudoctor.simulate.SimulatedFault;
import io.gpudoctor.simulate.SimulatedNvml;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A whole daemon on a free loopback port whose faults a test controls: a simulated driver it can
 * make hang, slow down or lose a GPU, and a private host root it can change while the daemon runs.
 * It collects every {@value #INTERVAL_MS} ms with {@value #CALL_TIMEOUT_MS} ms per driver call and
 * refreshes the host diagnosis every second, so that a fault shows within a test's patience.
 */
final class FaultyNode implements AutoCloseable {

    static final long INTERVAL_MS = 200;
    static final long CALL_TIMEOUT_MS = 500;
    /** Prometheus' default scrape timeout; a scrape must be answered half a second before it. */
    static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(10);
    /** How long a fault or its end may take to show; generous for a loaded two-CPU machine. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final String SETTINGS = "diagnose:\n  interval: 1s\n";

    private final Daemon daemon;
    private final Optional<SimulatedNvml> nvml;
    private final Path root;
    private final Set<Long> threadsBefore;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private FaultyNode(Daemon daemon, Optional<SimulatedNvml> nvml, Path root, Set<Long> threadsBefore) {
        this.daemon = daemon;
        this.nvml = nvml;
        this.root = root;
        this.threadsBefore = threadsBefore;
    }

    /**
     * Starts a daemon on the shipped {@code scenario}, its host root copied into {@code folder},
     * with {@code fromStart} in force before the first driver call.
     */
    static FaultyNode simulated(String scenario, Path folder, SimulatedFault... fromStart) {
        LoadedScenario loaded;
        try {
            loaded = ScenarioLoader.load(scenario);
        } catch (ScenarioException e) {
            throw new IllegalStateException(e);
        }
        Path root = HostRootCopy.of(loaded, folder);
        DriverConnection driver = DriverConnector.simulated(loaded);
        SimulatedNvml nvml = (SimulatedNvml) driver.nvml().orElseThrow();
        List.of(fromStart).forEach(nvml::inject);
        return start(driver, root, settings(SETTINGS), Optional.of(nvml));
    }

    /**
     * Starts a daemon on the real driver as serve connects it, reading the host under {@code root}
     * and loading NVML and libcuda from the files {@code nvmlLibrary} and {@code cudaLibrary} name
     * ({@code --nvml.library}, {@code --cuda.library}).
     */
    static FaultyNode host(Path root, String nvmlLibrary, String cudaLibrary) {
        ServeSettings settings = settings(SETTINGS + "path:\n  rootfs: '" + root + "'\n"
                + "nvml:\n  library: '" + nvmlLibrary + "'\ncuda:\n  library: '" + cudaLibrary + "'\n");
        DriverConnection driver;
        try {
            driver = DriverConnector.connect(settings.driverOptions());
        } catch (ScenarioException e) {
            throw new IllegalStateException(e);
        }
        return start(driver, root, settings, Optional.empty());
    }

    private static ServeSettings settings(String yaml) {
        try {
            return ServeSettings.defaults().with(ServeConfigFile.parse(yaml, "faults"))
                    .with(RunningDaemon.loopback(Duration.ofMillis(INTERVAL_MS), Duration.ofMillis(CALL_TIMEOUT_MS)));
        } catch (ConfigFileException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FaultyNode start(DriverConnection driver, Path root, ServeSettings settings,
                                    Optional<SimulatedNvml> nvml) {
        Set<Long> before = DaemonResources.liveThreadIds();
        try {
            return new FaultyNode(Daemon.start(driver, root, settings, Optional.empty(), "0.0.0-faults", Clock.systemUTC()), nvml,
                    root, before);
        } catch (DaemonStartException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The simulated driver; only a {@link #simulated} node has one. */
    SimulatedNvml nvml() {
        return nvml.orElseThrow();
    }

    /** The host root the daemon reads, this test's to change. */
    Path root() {
        return root;
    }

    /** The daemon's threads and this process's open files (less the test's ends of its connections) now. */
    DaemonResources resources() {
        return DaemonResources.measure(threadsBefore, daemon.port());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + daemon.port() + path);
    }

    /** GETs {@code path}, waiting at most a scrape timeout. */
    Answer get(String path) throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).timeout(SCRAPE_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), Duration.ofNanos(System.nanoTime() - started));
    }

    /** GETs {@code path} until {@code until} holds for the answer or {@link #PATIENCE} passes; the last answer. */
    Answer await(String path, Predicate<Answer> until) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        Answer answer = get(path);
        while (!until.test(answer) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            answer = get(path);
        }
        return answer;
    }

    /** Waits for the first collection and host diagnosis. */
    FaultyNode ready() throws IOException, InterruptedException {
        await("/readyz", a -> a.status() == 200);
        await("/diagnose", a -> a.status() == 200);
        return this;
    }

    /** Lets calls stuck in the simulated driver return (as an operator's fix would), then stops the daemon. */
    @Override
    public void close() {
        nvml.ifPresent(SimulatedNvml::releaseHangs);
        daemon.close();
    }
}
