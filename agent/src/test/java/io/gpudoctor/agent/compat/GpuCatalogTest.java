package io.gpudoctor.agent.compat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GpuCatalogTest {

    private static final GpuCatalog CATALOG = CompatTable.shipped().gpuModels();

    @ParameterizedTest
    @CsvSource({
            "H100, H100, 9.0, DATACENTER",
            "NVIDIA H100 80GB HBM3, H100, 9.0, DATACENTER",
            "nvidia h200, H200, 9.0, DATACENTER",
            "NVIDIA A100-SXM4-80GB, A100, 8.0, DATACENTER",
            "Tesla V100-SXM2-16GB, V100, 7.0, DATACENTER",
            "Tesla K80, K80, 3.7, DATACENTER",
            "NVIDIA L40S, L40S, 8.9, DATACENTER",
            "NVIDIA A10G, A10G, 8.6, DATACENTER",
            "NVIDIA GeForce RTX 4090, GeForce RTX 4090, 8.9, GEFORCE",
            "rtx 3090, GeForce RTX 3090, 8.6, GEFORCE",
            "NVIDIA RTX A6000, RTX A6000, 8.6, WORKSTATION",
            "NVIDIA RTX 6000 Ada Generation, RTX 6000 Ada Generation, 8.9, WORKSTATION",
            "B200, B200, 10.0, DATACENTER"})
    void namesAsPeopleAndNvmlWriteThemFindTheirModel(String name, String model, String capability, GpuClass gpuClass) {
        GpuModel found = CATALOG.find(name).orElseThrow();

        assertThat(found.name()).isEqualTo(model);
        assertThat(found.computeCapability()).hasToString(capability);
        assertThat(found.gpuClass()).isEqualTo(gpuClass);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Radeon RX 7900", "H1000", "RTX", "NVIDIA"})
    void unknownNamesFindNothing(String name) {
        assertThat(CATALOG.find(name)).isEmpty();
    }
}
