package io.gpudoctor.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gpudoctor.agent.collect.ScenarioStates;
import io.gpudoctor.agent.container.attribution.WorkloadContainer;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.gpus.fields.FieldSource;
import io.gpudoctor.agent.gpus.fields.GpuFields;
import io.gpudoctor.agent.metrics.Scrapes.Series;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** dgx-h100's GPU 7 is split with MIG into two 3g.40gb GPU instances, an embedding pod in the first. */
class MigMetricsTest {

    private static final Map<String, String> MIG_GPU = Map.of("gpu", "7");
    private final String body = Scrapes.text(ScenarioStates.sampled("dgx-h100", 2));

    @Test
    void eachMigDeviceHasAnInfoSeriesWithItsInstancesProfileAndUuid() {
        List<Series> info = Scrapes.series(body, "nvidia_gpu_mig_info", MIG_GPU);

        assertThat(info).extracting(s -> s.labels().get("gpu_instance")).containsExactlyInAnyOrder("1", "2");
        assertThat(info).allSatisfy(s -> {
            assertThat(s.labels()).containsEntry("mig_profile", "3g.40gb").containsEntry("compute_instance", "0");
            assertThat(s.labels().get("mig_uuid")).startsWith("MIG-");
            assertThat(s.value()).isEqualTo(1.0);
        });
    }

    @Test
    void theInstancesMemoryIsExportedOncePerGpuInstanceInBytes() {
        List<Series> used = Scrapes.series(body, "nvidia_gpu_mig_memory_used_bytes", MIG_GPU);

        assertThat(used).hasSize(2);
        assertThat(used.stream().mapToDouble(Series::value).sum()).isEqualTo(9216.0 * 1024 * 1024);
        assertThat(Scrapes.series(body, "nvidia_gpu_mig_memory_total_bytes", Map.of("gpu_instance", "1")))
                .singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(40e9));
    }

    @Test
    void everyGpmFieldHasAMigFamilyWithEachInstancesActivity() {
        GpuFields.ALL.stream().filter(f -> f.source() instanceof FieldSource.Gpm)
                .filter(f -> !f.key().contains("pcie") && !f.key().contains("nvlink"))
                .forEach(f -> assertThat(Scrapes.series(body, MigMetrics.familyOf(f).replace('.', '_')
                        + "_" + f.unit(), MIG_GPU)).as(f.key()).hasSize(2));
        assertThat(Scrapes.series(body, "nvidia_gpu_mig_graphics_active_ratio", Map.of("gpu_instance", "1")))
                .singleElement().satisfies(s -> assertThat(s.value()).isCloseTo(0.38, within(1e-9)));
    }

    @Test
    void theInstanceOfOneContainerGivesThatContainerItsSmActivity() {
        assertThat(Scrapes.series(body, "nvidia_gpu_mig_container_sm_active_ratio", MIG_GPU)).singleElement()
                .satisfies(s -> {
                    assertThat(s.labels()).containsEntry("gpu_instance", "1").containsEntry("pod",
                            "embedder-5f8b6d-q7r2m").containsEntry("namespace", "search")
                            .containsEntry("container", "encoder").containsEntry("runtime", "containerd");
                    assertThat(s.value()).isCloseTo(0.38 * 0.85, within(1e-9));
                });
    }

    @Test
    void anInstanceTwoContainersShareHasNoContainerActivity() {
        WorkloadContainer other = NodeStates.container("ef".repeat(32), "second", "second-0", "search");
        String shared = Scrapes.text(NodeStates.withGpu(ScenarioStates.sampled("dgx-h100", 2), 7,
                g -> g.withProcesses(Stream.concat(g.processes().stream(), Stream.of(new GpuReading.Process(60001,
                        "compute", Optional.of(1L << 30), Optional.of(1), Optional.of(0), Optional.of("python3"),
                        Optional.of(other)))).toList())));

        assertThat(Scrapes.series(shared, "nvidia_gpu_mig_container_sm_active_ratio", MIG_GPU)).isEmpty();
    }

    @Test
    void gpusWithoutMigHaveNoMigSeries() {
        assertThat(Scrapes.series(body)).filteredOn(s -> s.name().startsWith("nvidia_gpu_mig_")
                        && !s.name().equals("nvidia_gpu_mig_mode"))
                .allSatisfy(s -> assertThat(s.labels()).containsEntry("gpu", "7"));
    }

    @Test
    void aGpuInMigModeHasNoWholeGpuUtilizationSeries() {
        assertThat(Scrapes.series(body, "nvidia_gpu_utilization_ratio", MIG_GPU)).isEmpty();
        assertThat(Scrapes.series(body, "nvidia_gpu_utilization_ratio", Map.of("gpu", "6"))).hasSize(1);
    }
}
