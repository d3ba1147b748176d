package io.gpudoctor.agent.serve;

import io.gpudoctor.agent.driver.DriverConnection;
import io.gpudoctor.agent.driver.DriverConnector;
import io.gpudoctor.agent.settings.ServeSettings;
import io.gpudoctor.agent.settings.Setting;
import io.gpudoctor.agent.settings.MetricsCompat;
import io.gpudoctor.agent.simulate.LoadedScenario;
import io.gpudoctor.agent.simulate.ScenarioException;
import io.gpudoctor.agent.simulate.ScenarioLoader;
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
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** A daemon started on a shipped scenario on a free loopback port, and a client for it. */
public final class RunningDaemon implements AutoCloseable {

    final Daemon daemon;
    final SimulatedNvml nvml;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RunningDaemon(Daemon daemon, SimulatedNvml nvml) {
        this.daemon = daemon;
        this.nvml = nvml;
    }

    /** Starts the whole daemon on {@code scenario}, collecting every {@code interval}. */
    public static RunningDaemon start(String scenario, Map<Setting<?>, Object> overrides) throws DaemonStartException {
        LoadedScenario loaded;
        try {
            loaded = ScenarioLoader.load(scenario);
        } catch (ScenarioException e) {
            throw new IllegalStateException(e);
        }
        DriverConnection driver = DriverConnector.simulated(loaded);
        Path root = loaded.hostRoot().orElseThrow();
        ServeSettings settings = ServeSettings.defaults().with(overrides);
        return new RunningDaemon(Daemon.start(driver, root, settings, Optional.empty(), "0.0.0-test", Clock.systemUTC()),
                (SimulatedNvml) driver.nvml().orElseThrow());
    }

    /** Settings for tests: loopback on a free port, collecting every {@code interval}. */
    public static Map<Setting<?>, Object> loopback(Duration interval, Duration callTimeout) {
        return loopback(interval, callTimeout, MetricsCompat.NONE);
    }

    /** {@link #loopback(Duration, Duration)}, writing another exporter's families as well. */
    public static Map<Setting<?>, Object> loopback(Duration interval, Duration callTimeout, MetricsCompat compat) {
        return Map.of(ServeSettings.LISTEN_ADDRESS, "127.0.0.1:0", ServeSettings.COLLECT_INTERVAL, interval,
                ServeSettings.COLLECT_CALL_TIMEOUT, callTimeout, ServeSettings.METRICS_COMPAT, compat);
    }

    /** The daemon's {@code host:port}, as a Prometheus target. */
    public String target() {
        return "127.0.0.1:" + daemon.port();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + target() + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs {@code path} until {@code until} holds for the answer or {@code timeout} passes; the last answer. */
    HttpResponse<String> await(String path, Predicate<HttpResponse<String>> until, Duration timeout)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpResponse<String> response = get(path);
        while (!until.test(response) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            response = get(path);
        }
        return response;
    }

    @Override
    public void close() {
        nvml.releaseHangs();
        daemon.close();
    }
}
