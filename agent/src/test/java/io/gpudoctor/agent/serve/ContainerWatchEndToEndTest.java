package io.gpudoctor.agent.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.container.watch.HostWithContainers;
import io.gpudoctor.agent.simulate.ScenarioCopies;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole daemon on a copy of the workstation scenario with a broken container added: one that
 * asked for a GPU through its image's environment, ran under plain runc and uses no GPU, so that
 * only the watch (not NVML's process list) can find it.
 */
class ContainerWatchEndToEndTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration CALL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String NOTEBOOK = HostWithContainers.id('c');
    private static final long NOTEBOOK_PID = 31000;
    private static final String SERIES = "gpu_doctor_container_finding{code=\"CONTAINER_NO_GPU_INJECTED\"";

    @TempDir
    Path scenario;
    HostWithContainers host;

    @BeforeEach
    void copyScenarioWithABrokenContainer() {
        ScenarioCopies.copy("workstation-rtx4090", scenario);
        host = new HostWithContainers(scenario.resolve("root"));
        host.docker(NOTEBOOK, NOTEBOOK_PID, "notebook")
                .environ("PATH=/usr/local/cuda/bin:/usr/bin", "NVIDIA_VISIBLE_DEVICES=all", "CUDA_VERSION=12.4.1",
                        "JUPYTER_TOKEN=s3cret-token")
                .folder("dev").folder("etc");
    }

    private static List<String> series(HttpResponse<String> metrics) {
        return metrics.body().lines().filter(l -> l.startsWith(SERIES)).toList();
    }

    @Test
    void aBrokenContainerThatUsesNoGpuHasItsFindingInTheMetricsUntilItIsRemoved() throws Exception {
        try (RunningDaemon node = RunningDaemon.start(scenario.toString(), RunningDaemon.loopback(INTERVAL, CALL_TIMEOUT))) {
            HttpResponse<String> broken = node.await("/metrics", r -> !series(r).isEmpty(), PATIENCE);
            assertThat(series(broken)).singleElement().satisfies(line -> assertThat(line)
                    .contains("container=\"notebook\"", "container_id=\"" + NOTEBOOK + "\"", "severity=\"error\""));
            assertThat(broken.body()).doesNotContain("s3cret-token");

            host.exit(NOTEBOOK_PID);

            HttpResponse<String> removed = node.await("/metrics", r -> series(r).isEmpty(), PATIENCE);
            assertThat(series(removed)).isEmpty();
            assertThat(removed.body()).doesNotContain(NOTEBOOK)
                    .contains("gpu_doctor_container_finding{code=\"CUDA_DRIVER_TOO_OLD\"");
        }
    }

    @Test
    void theStatusPageListsTheBrokenContainerAmongTheWatchedOnesWithItsVerdict() throws Exception {
        try (RunningDaemon node = RunningDaemon.start(scenario.toString(), RunningDaemon.loopback(INTERVAL, CALL_TIMEOUT))) {
            HttpResponse<String> page = node.await("/", r -> r.body().contains("notebook"), PATIENCE);

            assertThat(page.body()).containsPattern("<tr class=\"verdict-error\"><td>notebook <code>cccccccccccc</code>"
                    + "</td>.*<td>NVIDIA_VISIBLE_DEVICES</td>.*<span class=\"badge\">error</span>");
        }
    }
}
