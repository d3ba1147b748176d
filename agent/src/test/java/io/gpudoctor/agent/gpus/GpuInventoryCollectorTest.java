package io.gpudoctor.agent.gpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.driver.DriverConnection;
import io.gpudoctor.agent.driver.LibraryReport;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import io.gpudoctor.cuda.CuResult;
import io.gpudoctor.nvml.NvmlReturn;
import io.gpudoctor.simulate.GpuModel;
import io.gpudoctor.simulate.Scenario;
import io.gpudoctor.simulate.SimulatedCudaDriver;
import io.gpudoctor.simulate.SimulatedFault;
import io.gpudoctor.simulate.SimulatedNvml;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GpuInventoryCollectorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00.5Z"), ZoneOffset.UTC);

    private SimulatedNvml nvml;

    @AfterEach
    void releaseHungCalls() {
        if (nvml != null) {
            nvml.releaseHangs();
        }
    }

    private GpuInventory collect(Scenario scenario) {
        nvml = new SimulatedNvml(scenario);
        LibraryReport simulated = new LibraryReport("libnvidia-ml.so.1", "simulated", Optional.empty(), List.of(),
                true, Optional.empty(), Optional.empty());
        DriverConnection driver = new DriverConnection("simulated:" + scenario.name(), simulated, simulated,
                Optional.of(nvml), Optional.of(new SimulatedCudaDriver(scenario)));
        return new GpuInventoryCollector(Duration.ofMillis(300), CLOCK).collect(driver, new HostFileReader(HostPaths.of(Path.of("/"))));
    }

    @Test
    void everyGpuIsReadWithItsIdentityAndMemory() {
        GpuInventory inv = collect(Scenario.builder("t").driver("550.90.07", 12040)
                .gpus(GpuModel.H100_SXM5_80GB, 2).build());

        assertThat(inv.nvml().status()).isEqualTo("NVML_SUCCESS");
        assertThat(inv.nvml().driverVersion()).contains("550.90.07");
        assertThat(inv.nvml().cudaDriverVersion()).contains("12.4");
        assertThat(inv.gpus()).hasSize(2).allSatisfy(g -> {
            assertThat(g.name()).contains("NVIDIA H100 80GB HBM3");
            assertThat(g.computeCapability()).contains("9.0");
            assertThat(g.memory()).isPresent();
            assertThat(g.errors()).isEmpty();
        });
        assertThat(inv.generatedAt()).isEqualTo("2026-11-23T10:00:00Z");
    }

    @Test
    void aMetricTheGpuLacksIsEmptyWithoutAnError() {
        GpuInventory inv = collect(Scenario.builder("t").gpus(GpuModel.H100_SXM5_80GB, 1).build());

        GpuReading gpu = inv.gpus().get(0);
        assertThat(gpu.fanSpeedPercent()).isEmpty();
        assertThat(gpu.errors()).isEmpty();
    }

    @Test
    void aLostGpuIsAskedOnceAndTheOthersAreReadInFull() {
        GpuInventory inv = collect(Scenario.builder("t").gpus(GpuModel.A100_SXM4_80GB, 3)
                .fault(SimulatedFault.error(SimulatedFault.ANY_CALL, 1, NvmlReturn.ERROR_GPU_IS_LOST)).build());

        assertThat(inv.gpus().get(1).errors()).singleElement()
                .isEqualTo(new CallError("uuid", "NVML_ERROR_GPU_IS_LOST", inv.gpus().get(1).errors().get(0).message()));
        assertThat(inv.gpus().get(0).errors()).isEmpty();
        assertThat(inv.gpus().get(2).name()).contains("NVIDIA A100-SXM4-80GB");
        assertThat(inv.verdict()).contains("GPU 1: NVML_ERROR_GPU_IS_LOST");
    }

    @Test
    void aHungCallEndsTheCollectionWithHungInsteadOfBlocking() {
        GpuInventory inv = collect(Scenario.builder("t").gpus(GpuModel.L4, 2)
                .fault(SimulatedFault.hang("memoryInfo", 0)).build());

        GpuReading first = inv.gpus().get(0);
        assertThat(first.errors()).extracting(CallError::error).contains("HUNG");
        assertThat(first.errors().get(0).call()).isEqualTo("memoryInfo");
        assertThat(inv.gpus().get(1).errors()).extracting(CallError::error).containsOnly("HUNG");
    }

    @Test
    void anInitFailureIsReportedByItsNvmlNameWithItsMeaning() {
        GpuInventory inv = collect(Scenario.builder("t").nvmlInitError(NvmlReturn.ERROR_LIB_RM_VERSION_MISMATCH)
                .gpus(GpuModel.T4, 1).build());

        assertThat(inv.nvml().status()).isEqualTo("NVML_ERROR_LIB_RM_VERSION_MISMATCH");
        assertThat(inv.nvml().meaning()).contains("reboot");
        assertThat(inv.gpus()).isEmpty();
    }

    @Test
    void cuInitIsReportedByName() {
        GpuInventory inv = collect(Scenario.builder("t").cuInitResult(new CuResult(804)).gpus(GpuModel.RTX_4090, 1)
                .build());

        assertThat(inv.cuda().initResult()).isEqualTo("CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE");
        assertThat(inv.cuda().meaning()).contains("forward compatibility");
        assertThat(inv.cuda().deviceCount()).isEmpty();
    }
}
