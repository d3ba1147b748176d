package io.gpudoctor.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.collect.ScenarioStates;
import io.gpudoctor.agent.metrics.Scrapes.Series;
import io.gpudoctor.agent.metrics.dcgm.DcgmFields;
import io.gpudoctor.agent.settings.MetricsCompat;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** {@code --metrics.compat=dcgm}: dcgm-exporter's families, units and labels next to gpu-doctor's own. */
class DcgmCompatTest {

    /** Two collections: profiling (GPM) fields need a pair of samples. */
    private static final NodeState DGX = ScenarioStates.sampled("dgx-h100", 2);

    private static String scrape(NodeState state, MetricsCompat compat) {
        return new PrometheusExposition(() -> state, Scrapes.VERSION, Clock.fixed(ScenarioStates.AT, ZoneOffset.UTC),
                compat).scrape("").body();
    }

    private final String dcgm = scrape(DGX, MetricsCompat.DCGM);

    /** Page retirement is the pre-Ampere way; an H100 remaps rows instead and has no retired-page counters. */
    private static final Set<String> NOT_ON_HOPPER = Set.of("DCGM_FI_DEV_RETIRED_SBE", "DCGM_FI_DEV_RETIRED_DBE",
            "DCGM_FI_DEV_RETIRED_PENDING");

    /** Like DCGM, NVML has no whole-GPU utilization for a GPU in MIG mode (dgx-h100's GPU 7). */
    private static final Set<String> NOT_IN_MIG_MODE = Set.of("DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_MEM_COPY_UTIL");

    @Test
    void everyMappedFieldAHopperHasHasASeriesOnEveryGpuOfTheDgx() {
        DcgmFields.ALL.stream().filter(f -> !NOT_ON_HOPPER.contains(f.name()) && !NOT_IN_MIG_MODE.contains(f.name()))
                .forEach(f -> assertThat(Scrapes.series(dcgm, f.name(), Map.of()))
                .as(f.name()).extracting(s -> s.labels().get("gpu")).contains(
                        "0", "1", "2", "3", "4", "5", "6", "7"));
    }

    @Test
    void aMigGpuHasItsMemoryAndProfilingFieldsPerGpuInstanceAndNotForTheWholeGpu() {
        for (String name : List.of("DCGM_FI_DEV_FB_USED", "DCGM_FI_DEV_FB_FREE", "DCGM_FI_PROF_GR_ENGINE_ACTIVE")) {
            assertThat(Scrapes.series(dcgm, name, Map.of("gpu", "7"))).as(name)
                    .extracting(s -> s.labels().get("GPU_I_ID") + " " + s.labels().get("GPU_I_PROFILE"))
                    .containsExactlyInAnyOrder("1 3g.40gb", "2 3g.40gb");
        }
        assertThat(Scrapes.series(dcgm, "DCGM_FI_DEV_GPU_TEMP", Map.of("gpu", "7"))).singleElement()
                .satisfies(s -> assertThat(s.labels().getOrDefault("GPU_I_ID", "")).isEmpty());
    }

    @Test
    void theGpuInstanceWithAPodCarriesThePodAndTheOtherNone() {
        assertThat(Scrapes.series(dcgm, "DCGM_FI_DEV_FB_USED", Map.of("gpu", "7", "GPU_I_ID", "1")))
                .singleElement().satisfies(s -> assertThat(s.labels()).containsEntry("namespace", "search")
                        .containsEntry("container", "encoder"));
        assertThat(Scrapes.series(dcgm, "DCGM_FI_DEV_FB_USED", Map.of("gpu", "7", "GPU_I_ID", "2")))
                .singleElement().satisfies(s -> assertThat(s.labels().getOrDefault("pod", "")).isEmpty());
    }

    @Test
    void theSeriesCarryDcgmExportersLabels() {
        Series temp = Scrapes.series(dcgm, "DCGM_FI_DEV_GPU_TEMP", Map.of("gpu", "0")).get(0);

        assertThat(temp.labels()).containsKeys("UUID", "pci_bus_id", "device", "modelName", "Hostname",
                "DCGM_FI_DRIVER_VERSION");
        assertThat(temp.labels().get("UUID")).startsWith("GPU-");
        assertThat(temp.labels().get("device")).matches("nvidia\\d+");
        assertThat(temp.labels().get("modelName")).contains("H100");
        assertThat(temp.labels().get("DCGM_FI_DRIVER_VERSION")).matches("\\d+\\.\\d+.*");
    }

    @Test
    void valuesAreInDcgmsUnits() {
        double usedBytes = Scrapes.series(dcgm, "nvidia_gpu_memory_used_bytes", Map.of("gpu", "0")).get(0).value();
        double smHertz = Scrapes.series(dcgm, "nvidia_gpu_clock_hertz", Map.of("gpu", "0", "clock", "sm")).get(0).value();
        double utilRatio = Scrapes.series(dcgm, "nvidia_gpu_utilization_ratio", Map.of("gpu", "0")).get(0).value();
        double joules = Scrapes.series(dcgm, "nvidia_gpu_energy_joules_total", Map.of("gpu", "0")).get(0).value();

        assertThat(value("DCGM_FI_DEV_FB_USED")).isEqualTo(usedBytes / (1024 * 1024));
        assertThat(value("DCGM_FI_DEV_SM_CLOCK")).isEqualTo(smHertz / 1e6);
        assertThat(value("DCGM_FI_DEV_GPU_UTIL")).isCloseTo(utilRatio * 100, Offset.offset(1e-9));
        assertThat(value("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION")).isEqualTo(joules * 1000);
    }

    @Test
    void aGpuUsedByAPodCarriesItsPodNamespaceAndContainer() {
        List<Series> withPod = Scrapes.series(dcgm, "DCGM_FI_DEV_FB_USED", Map.of()).stream()
                .filter(s -> !s.labels().getOrDefault("pod", "").isEmpty()).toList();

        assertThat(withPod).isNotEmpty().allSatisfy(s -> assertThat(s.labels().get("namespace")).isNotEmpty());
    }

    @Test
    void withoutTheCompatibilityThereIsNoDcgmSeries() {
        assertThat(scrape(DGX, MetricsCompat.NONE)).doesNotContain("DCGM_FI_");
    }

    private double value(String name) {
        List<Series> found = Scrapes.series(dcgm, name, Map.of("gpu", "0"));
        assertThat(found).as(name).isNotEmpty();
        return found.get(0).value();
    }
}
