package io.gpudoctor.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.collect.ScenarioStates;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The daemon's own health, under the names every Prometheus exporter uses. */
class SelfMetricsTest {

    private final String body = Scrapes.exposition(() -> ScenarioStates.state("broken-node")).scrape("").body();

    private double only(String name) {
        assertThat(Scrapes.series(body, name, Map.of())).as(name).hasSize(1);
        return Scrapes.series(body, name, Map.of()).get(0).value();
    }

    @Test
    void theProcessReportsItsMemoryAsTheGoClientNamesIt() {
        assertThat(only("process_resident_memory_bytes")).isGreaterThan(1e6);
        assertThat(only("process_virtual_memory_bytes")).isGreaterThan(only("process_resident_memory_bytes"));
    }

    @Test
    void theProcessReportsItsCpuTimeFileDescriptorsAndStart() {
        assertThat(only("process_cpu_seconds_total")).isPositive();
        assertThat(only("process_open_fds")).isPositive().isLessThanOrEqualTo(only("process_max_fds"));
        assertThat(only("process_start_time_seconds")).isBetween(1.6e9, Instant.now().getEpochSecond() + 1.0);
    }

    @Test
    void theJvmReportsItsHeapThreadsAndCollections() {
        assertThat(Scrapes.series(body, "jvm_memory_used_bytes", Map.of("area", "heap"))).isNotEmpty();
        assertThat(Scrapes.series(body, "jvm_threads_live_threads", Map.of())).hasSize(1);
        assertThat(Scrapes.series(body, "jvm_gc_collections_total", Map.of())).isNotEmpty();
    }

    @Test
    void failedDriverCallsAreCountedByCallAndError() {
        assertThat(Scrapes.series(body, "gpu_doctor_collection_errors_total",
                Map.of("error", "NVML_ERROR_GPU_IS_LOST"))).isNotEmpty()
                .allSatisfy(s -> assertThat(s.labels().get("call")).isNotBlank());
    }
}
