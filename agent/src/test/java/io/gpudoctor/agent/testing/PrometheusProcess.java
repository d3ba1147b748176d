package io.gpudoctor.agent.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpudoctor.agent.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real Prometheus (Debian's {@code prometheus} package) on loopback, scraping one target, for
 * end-to-end tests: what an SRE's Prometheus would store and answer. Skips the test where the
 * binary is absent, and fails it instead when {@code gpudoctor.fixtures.required} is set (CI).
 */
public final class PrometheusProcess implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/prometheus");

    private final Process process;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusProcess(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    /**
     * Starts Prometheus scraping {@code targets} ({@code host:port} each) every {@code scrapeInterval}
     * and evaluating {@code ruleFiles} as often, with its data and log under {@code workDir}.
     */
    public static PrometheusProcess start(Path workDir, List<String> targets, Duration scrapeInterval,
                                          List<Path> ruleFiles)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            String reason = BINARY + " is not installed (Debian package prometheus)";
            if (Boolean.getBoolean("gpudoctor.fixtures.required")) {
                fail(reason);
            }
            assumeTrue(false, reason);
        }
        int port = freePort();
        String interval = scrapeInterval.toMillis() + "ms";
        StringBuilder config = new StringBuilder()
                .append("global:\n  scrape_interval: ").append(interval)
                .append("\n  evaluation_interval: ").append(interval).append('\n');
        if (!ruleFiles.isEmpty()) {
            config.append("rule_files:\n");
            ruleFiles.forEach(f -> config.append("  - '").append(f.toAbsolutePath()).append("'\n"));
        }
        config.append("scrape_configs:\n  - job_name: gpu-doctor\n    static_configs:\n      - targets: [")
                .append(String.join(", ", targets.stream().map(t -> "'" + t + "'").toList())).append("]\n");
        Path configFile = workDir.resolve("prometheus.yml");
        Files.writeString(configFile, config);
        List<String> command = new ArrayList<>(List.of(BINARY.toString(),
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + workDir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("prometheus.log").toFile())
                .start();
        PrometheusProcess prometheus = new PrometheusProcess(process, URI.create("http://127.0.0.1:" + port));
        prometheus.awaitReady(Duration.ofSeconds(30), workDir.resolve("prometheus.log"));
        return prometheus;
    }

    /** The result vector of an instant query, waiting up to {@code timeout} until {@code until} holds for it. */
    public JsonNode awaitQuery(String promql, Predicate<JsonNode> until, Duration timeout)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode result = query(promql);
        while (!until.test(result) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            result = query(promql);
        }
        return result;
    }

    /** The {@code data.result} of an instant query through Prometheus' HTTP API. */
    public JsonNode query(String promql) throws IOException, InterruptedException {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("data")
                .path("result");
    }

    /** The alerts Prometheus holds now ({@code /api/v1/alerts}), pending and firing. */
    public JsonNode alerts() throws IOException, InterruptedException {
        return get("/api/v1/alerts").path("data").path("alerts");
    }

    /** The state of the scrape target: {@code up}, {@code down} or {@code unknown}, with its last error. */
    public JsonNode targets() throws IOException, InterruptedException {
        return get("/api/v1/targets").path("data").path("activeTargets");
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return Json.mapper().readTree(response.body());
    }

    private void awaitReady(Duration timeout, Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail("prometheus exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(base.resolve("/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet: try again until the deadline.
            }
            Thread.sleep(100);
        }
        close();
        fail("prometheus not ready within " + timeout + ": " + Files.readString(log));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
