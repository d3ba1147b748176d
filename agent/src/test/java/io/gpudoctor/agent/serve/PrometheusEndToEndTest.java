package io.gpudoctor.agent.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an SRE's Prometheus stores when it scrapes gpu-doctor: Debian's Prometheus on loopback
 * scraping two daemons, one on a healthy 8-GPU node, one on the broken node, queried through
 * Prometheus' HTTP API.
 */
class PrometheusEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path work;

    private static ScrapedNodes nodes;

    @BeforeAll
    static void scrape() throws Exception {
        nodes = ScrapedNodes.start(work, List.of());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void everyGpuOfTheDgxNodeHasItsMemoryStored() throws Exception {
        String query = "nvidia_gpu_memory_used_bytes{instance=\"" + nodes.dgx().target() + "\"}";

        JsonNode result = nodes.prometheus().awaitQuery(query, r -> r.size() == 8, WAIT);

        assertThat(labels(result, "gpu")).containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
    }

    @Test
    void theDgxNodesPodsHaveTheirMemoryPerContainerStored() throws Exception {
        String query = "sum by (namespace, pod) (nvidia_gpu_container_memory_used_bytes{instance=\""
                + nodes.dgx().target() + "\"})";

        JsonNode result = nodes.prometheus().awaitQuery(query, r -> r.size() > 1, WAIT);

        assertThat(result.size()).isGreaterThan(1);
        assertThat(labels(result, "pod")).allSatisfy(pod -> assertThat(pod).isNotBlank());
        result.forEach(series -> assertThat(series.path("value").get(1).asDouble()).isPositive());
    }

    @Test
    void theBrokenNodesFindingsAreSeriesAnSreCanQueryAcrossNodes() throws Exception {
        JsonNode result = nodes.prometheus().awaitQuery("gpu_doctor_finding{severity=\"error\"} == 1",
                r -> labels(r, "code").contains("GPU_LOST"), WAIT);

        assertThat(labels(result, "code")).contains("GPU_LOST", "CDI_SPEC_STALE");
        assertThat(labels(result, "instance")).containsExactly(nodes.broken().target());
    }

    @Test
    void bothTargetsAreUpWithNoScrapeError() throws Exception {
        JsonNode result = nodes.prometheus().awaitQuery("up == 1", r -> r.size() == 2, WAIT);

        assertThat(result.size()).isEqualTo(2);
        nodes.prometheus().targets().forEach(t -> assertThat(t.path("lastError").asText()).isEmpty());
    }

    private static Set<String> labels(JsonNode result, String label) {
        Set<String> values = new TreeSet<>();
        result.forEach(series -> values.add(series.path("metric").path(label).asText()));
        return values;
    }
}
