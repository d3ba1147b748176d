package io.gpudoctor.agent.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.collect.ScenarioStates;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.metrics.ExternalTool;
import io.gpudoctor.agent.serve.RunningDaemon;
import io.gpudoctor.agent.web.ListenAddress;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The status page as headless Chromium (Debian's {@code chromium}) loads it: the DOM it builds and
 * any console message (a script error, a resource the page's policy blocked). The pages and their
 * screenshots, desktop and phone size, stay under {@code target/} as artefacts of the build.
 */
class StatusPageBrowserTest {

    private static final Path ARTEFACTS = Path.of("target");
    private static final Duration CHROMIUM_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path home;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dgx-h100", "broken-node"})
    void theBrowserShowsEveryGpuAndFindingAndLogsNothing(String scenario) throws IOException {
        NodeState state = ScenarioStates.state(scenario);
        Path page = write("status-page-" + scenario + ".html", state);

        Loaded desktop = load(page, "1280,2400", ARTEFACTS.resolve("status-page-" + scenario + ".png"));
        Loaded phone = load(page, "390,2400", ARTEFACTS.resolve("status-page-" + scenario + "-phone.png"));

        for (Loaded loaded : List.of(desktop, phone)) {
            assertThat(loaded.consoleMessages()).isEmpty();
            for (GpuReading gpu : state.gpus().orElseThrow().inventory().gpus()) {
                assertThat(loaded.dom()).contains("data-gpu=\"" + gpu.index() + "\"");
            }
            for (Finding f : state.host().orElseThrow().findings()) {
                assertThat(loaded.dom()).contains("data-code=\"" + f.code().name() + "\"");
            }
            assertThat(loaded.screenshot()).isNotEmptyFile();
            assertThat(Files.readAllBytes(loaded.screenshot())).startsWith(0x89, 'P', 'N', 'G');
        }
    }

    @Test
    void aHostileContainerStaysTextInTheBrowser() throws IOException {
        Path page = write("status-page-hostile.html", HostileStates.withHostileContainer(
                ScenarioStates.state("dgx-h100")));

        Loaded loaded = load(page, "1280,2400", ARTEFACTS.resolve("status-page-hostile.png"));

        assertThat(loaded.consoleMessages()).isEmpty();
        assertThat(loaded.dom()).doesNotContain("<script").doesNotContain("<img")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void thePageARunningDaemonServesShowsEveryGpuAndFindingAndLogsNothing() throws Exception {
        try (RunningDaemon node = RunningDaemon.start("broken-node",
                RunningDaemon.loopback(Duration.ofMillis(500), Duration.ofSeconds(2)))) {
            URI page = URI.create("http://" + node.target() + "/");
            await(URI.create("http://" + node.target() + "/diagnose"), r -> r.statusCode() == 200);

            Loaded loaded = load(page.toString(), "1280,2400", ARTEFACTS.resolve("status-page-served.png"));

            assertThat(loaded.consoleMessages()).isEmpty();
            NodeState state = ScenarioStates.state("broken-node");
            for (GpuReading gpu : state.gpus().orElseThrow().inventory().gpus()) {
                assertThat(loaded.dom()).contains("data-gpu=\"" + gpu.index() + "\"");
            }
            assertThat(loaded.dom()).contains("data-code=\"GPU_LOST\"");
        }
    }

    @Test
    void theWorkstationsPageSaysInItsHeaderThatItsContainerCannotUseItsGpu() throws Exception {
        try (RunningDaemon node = RunningDaemon.start("workstation-rtx4090",
                RunningDaemon.loopback(Duration.ofMillis(500), Duration.ofSeconds(2)))) {
            URI page = URI.create("http://" + node.target() + "/");
            await(page, r -> r.body().contains("data-code=\"CUDA_DRIVER_TOO_OLD\""));

            Loaded loaded = load(page.toString(), "1280,2400",
                    ARTEFACTS.resolve("status-page-workstation-rtx4090.png"));

            assertThat(loaded.consoleMessages()).isEmpty();
            assertThat(loaded.dom()).contains("<header class=\"verdict-error\">")
                    .contains("ERROR: 1 container cannot use its GPU");
            assertThat(loaded.screenshot()).isNotEmptyFile();
        }
    }

    /** Asks {@code uri} until its answer satisfies {@code done}, for at most 30 s. */
    private static void await(URI uri, Predicate<HttpResponse<String>> done) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(30);
        while (!done.test(http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }

    private static Path write(String name, NodeState state) throws IOException {
        Files.createDirectories(ARTEFACTS);
        return Files.writeString(ARTEFACTS.resolve(name), new StatusPage(ListenAddress.parse(":9842"), () -> 9842).render(state, ScenarioStates.AT));
    }

    private Loaded load(Path page, String windowSize, Path screenshot) throws IOException {
        return load(page.toAbsolutePath().toUri().toString(), windowSize, screenshot);
    }

    private Loaded load(String url, String windowSize, Path screenshot) throws IOException {
        ExternalTool chromium = ExternalTool.require("chromium", "chromium-browser");
        Files.deleteIfExists(screenshot);
        ExternalTool.Result result = chromium.run(List.of(
                        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                        "--user-data-dir=" + home.resolve("profile"), "--enable-logging=stderr", "--v=0",
                        "--window-size=" + windowSize, "--screenshot=" + screenshot.toAbsolutePath(),
                        "--dump-dom", url),
                Optional.empty(), home, Map.of("HOME", home.toString()), CHROMIUM_TIMEOUT);
        assertThat(result.timedOut()).as("chromium finished within %s", CHROMIUM_TIMEOUT).isFalse();
        assertThat(result.exitCode()).as("chromium's exit code; stderr:%n%s", result.stderr()).isZero();
        List<String> console = result.stderr().lines().filter(l -> l.contains(":CONSOLE")).toList();
        return new Loaded(result.stdout(), console, screenshot);
    }

    /** What one load gave: the DOM as Chromium serialised it, its console messages, the screenshot. */
    private record Loaded(String dom, List<String> consoleMessages, Path screenshot) {
    }
}
