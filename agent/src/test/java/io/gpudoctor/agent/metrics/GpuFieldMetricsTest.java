package io.gpudoctor.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.collect.NodeState;
import io.gpudoctor.agent.collect.ScenarioStates;
import io.gpudoctor.agent.gpus.fields.GpuField;
import io.gpudoctor.agent.gpus.fields.GpuFields;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GpuFieldMetricsTest {

    private static final NodeState DGX = ScenarioStates.state("dgx-h100");
    private static final NodeState WORKSTATION = ScenarioStates.state("workstation-rtx4090");
    private static final NodeState BROKEN = ScenarioStates.state("broken-node");

    @Test
    void everyFieldOfTheTableIsExportedUnderTheNameItsEntrySays() {
        String body = Scrapes.text(ScenarioStates.sampled("dgx-h100", 2));

        for (GpuField field : GpuFields.ALL) {
            if (field.key().startsWith("retired_pages")) {
                continue; // H100s remap rows; only pre-Ampere boards retire pages
            }
            assertThat(Scrapes.series(body, field.prometheusName(), field.labels()))
                    .as("%s as %s%s", field.key(), field.prometheusName(), field.labels()).isNotEmpty();
        }
    }

    @Test
    void eachNvlinkOfAnH100HasItsOwnStateSeries() {
        assertThat(Scrapes.series(Scrapes.text(DGX), "nvidia_gpu_nvlink_up", Map.of("gpu", "0"))).hasSize(18)
                .allSatisfy(s -> assertThat(s.value()).isEqualTo(1.0));
    }

    @Test
    void nvlinkThroughputIsTheSumOfTheLinksInBytes() {
        assertThat(Scrapes.series(Scrapes.text(DGX), "nvidia_gpu_nvlink_tx_bytes_total", Map.of("gpu", "0")))
                .singleElement().satisfies(s -> {
                    assertThat(s.labels()).doesNotContainKey("link");
                    assertThat(s.value()).isEqualTo(18 * 73014444032.0 * 1024);
                });
    }

    @Test
    void aFieldTheGpuDoesNotSupportHasNoSeries() {
        String body = Scrapes.text(WORKSTATION);

        assertThat(Scrapes.series(body, "nvidia_gpu_memory_temperature_celsius", Map.of())).isEmpty();
        assertThat(Scrapes.series(body, "nvidia_gpu_nvlink_up", Map.of())).isEmpty();
        assertThat(Scrapes.series(body, "nvidia_gpu_pcie_link_width", Map.of())).isNotEmpty();
    }

    @Test
    void aFieldTheGpuDoesNotSupportIsNotACollectionError() {
        assertThat(WORKSTATION.gpus().orElseThrow().inventory().gpus())
                .allSatisfy(g -> assertThat(g.errors()).isEmpty());
    }

    @Test
    void theDownLinkAndTheNarrowLinkOfTheBrokenNodeShow() {
        String body = Scrapes.text(BROKEN);

        assertThat(Scrapes.series(body, "nvidia_gpu_nvlink_up", Map.of("gpu", "0", "link", "3"))).singleElement()
                .satisfies(s -> assertThat(s.value()).isZero());
        assertThat(Scrapes.series(body, "nvidia_gpu_pcie_link_width", Map.of("gpu", "3"))).singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo(8.0));
        assertThat(Scrapes.series(body, "nvidia_gpu_nvlink_errors_total", Map.of("gpu", "3", "type", "recovery")))
                .singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(3.0));
    }

    @Test
    void gpmRatiosAreExportedOnTheH100sFromTheSecondCycle() {
        String body = Scrapes.text(ScenarioStates.sampled("dgx-h100", 2));

        assertThat(Scrapes.series(body, "nvidia_gpu_tensor_active_ratio", Map.of("gpu", "0"))).singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo(0.42));
        assertThat(Scrapes.series(body, "nvidia_gpu_mig_tensor_active_ratio", Map.of("gpu", "7", "gpu_instance", "2")))
                .singleElement().satisfies(s -> assertThat(s.value()).isZero());
        assertThat(Scrapes.series(body, "nvidia_gpu_sm_active_ratio", Map.of())).hasSize(8);
    }

    @Test
    void gpmRatesAreExportedInBytesPerSecondBesideTheNvlinkByteCounter() {
        String body = Scrapes.text(ScenarioStates.sampled("dgx-h100", 2));

        assertThat(Scrapes.series(body, "nvidia_gpu_nvlink_tx_average_bytes_per_second", Map.of("gpu", "0"))).singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo(61_440.0 * 1024 * 1024));
        assertThat(Scrapes.series(body, "nvidia_gpu_nvlink_tx_bytes_total", Map.of("gpu", "0"))).hasSize(1);
    }

    @Test
    void theFirstCycleExportsNoGpmSeries() {
        String body = Scrapes.text(ScenarioStates.sampled("dgx-h100", 1));

        assertThat(Scrapes.series(body, "nvidia_gpu_tensor_active_ratio", Map.of())).isEmpty();
    }

    @Test
    void theAdaWorkstationExportsNoGpmSeries() {
        String body = Scrapes.text(ScenarioStates.sampled("workstation-rtx4090", 2));

        assertThat(Scrapes.series(body, "nvidia_gpu_tensor_active_ratio", Map.of())).isEmpty();
        assertThat(Scrapes.series(body, "nvidia_gpu_sm_occupancy_ratio", Map.of())).isEmpty();
    }
}
