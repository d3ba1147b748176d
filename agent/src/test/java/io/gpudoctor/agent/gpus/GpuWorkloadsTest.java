package io.gpudoctor.agent.gpus;

import io.gpudoctor.agent.container.ContainerResolver;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.container.attribution.ContainerMemory;
import io.gpudoctor.agent.container.attribution.ProcessOriginReader;
import io.gpudoctor.agent.driver.DriverConnection;
import io.gpudoctor.agent.driver.LibraryReport;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import io.gpudoctor.simulate.GpuModel;
import io.gpudoctor.simulate.Scenario;
import io.gpudoctor.simulate.SimulatedCudaDriver;
import io.gpudoctor.simulate.SimulatedNvml;
import io.gpudoctor.simulate.SimulatedProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A simulated driver's processes attributed against the {@code k8s-containerd} fixture root. */
class GpuWorkloadsTest {

    private static final long MIB = 1024L * 1024L;

    private static GpuInventory inventory() {
        Scenario scenario = Scenario.builder("t").driver("550.90.07", 12040)
                .gpu(GpuModel.H100_SXM5_80GB, g -> g.processes(List.of(SimulatedProcess.compute(5100, 1000 * MIB),
                        SimulatedProcess.compute(5150, 24 * MIB), SimulatedProcess.compute(700, 8 * MIB))))
                .gpu(GpuModel.H100_SXM5_80GB, g -> g.processes(List.of(SimulatedProcess.compute(6120, 512 * MIB),
                        SimulatedProcess.compute(5150, 100 * MIB))))
                .build();
        LibraryReport simulated = new LibraryReport("libnvidia-ml.so.1", "simulated", Optional.empty(), List.of(),
                true, Optional.empty(), Optional.empty());
        DriverConnection driver = new DriverConnection("simulated:t", simulated, simulated,
                Optional.of(new SimulatedNvml(scenario)), Optional.of(new SimulatedCudaDriver(scenario)));
        return new GpuInventoryCollector(Duration.ofSeconds(2), Clock.systemUTC()).collect(driver, new HostFileReader(HostPaths.of(Path.of("/"))));
    }

    private static ProcessOriginReader k8sNode() throws Exception {
        Path root = Path.of(GpuWorkloadsTest.class.getResource("/host/containers/k8s-containerd").toURI());
        return new ProcessOriginReader(new ContainerResolver(new HostFileReader(HostPaths.of(root))));
    }

    @Test
    void everyProcessKeepsItsDriverFieldsAndGainsItsNameAndContainer() throws Exception {
        GpuInventory collected = inventory();

        GpuInventory attributed = GpuWorkloads.attribute(collected, k8sNode());

        List<GpuReading.Process> gpu0 = attributed.gpus().get(0).processes();
        assertThat(gpu0).extracting(GpuReading.Process::pid).containsExactly(5100L, 5150L, 700L);
        assertThat(gpu0.get(0).usedMemoryBytes()).isEqualTo(collected.gpus().get(0).processes().get(0).usedMemoryBytes());
        assertThat(gpu0.get(0).container().flatMap(c -> c.pod())).contains("train-job-0");
        assertThat(gpu0.get(2).processName()).contains("kubelet");
        assertThat(gpu0.get(2).container()).isEmpty();
        assertThat(attributed.gpus().get(0).withProcesses(collected.gpus().get(0).processes()))
                .isEqualTo(collected.gpus().get(0));
    }

    @Test
    void containersAreTotalledPerGpu() throws Exception {
        GpuInventory attributed = GpuWorkloads.attribute(inventory(), k8sNode());

        assertThat(attributed.containers()).extracting(c -> c.gpu() + " " + c.container().name().orElse("?") + " "
                        + c.usedMemoryBytes() / MIB + " " + c.processes())
                .containsExactly("0 trainer 1024 2", "1 trainer 100 1", "1 trainer 512 1");
        assertThat(attributed.containers()).extracting(ContainerMemory::uuid)
                .containsExactly(attributed.gpus().get(0).uuid().orElseThrow(),
                        attributed.gpus().get(1).uuid().orElseThrow(), attributed.gpus().get(1).uuid().orElseThrow());
    }

    @Test
    void theTextNamesEachProcesssPodAndListsTheContainers() throws Exception {
        String text = GpuInventoryText.render(GpuWorkloads.attribute(inventory(), k8sNode()));

        assertThat(text)
                .contains("pid 5100 python (compute) 1000 MiB  in ml/train-job-0/trainer [containerd d41e8c2b7a6f]")
                .contains("pid 700 kubelet (compute) 8 MiB\n")
                .contains("Containers using GPUs\n  GPU 0   ml/train-job-0/trainer [containerd d41e8c2b7a6f]  1024 MiB\n")
                .contains("  GPU 1   research/notebook-0/trainer [containerd f63a0e4d9c8b]  512 MiB\n");
    }

    @Test
    void aHostRootWithoutTheseProcessesLeavesThemUnattributed(@TempDir Path empty) {
        GpuInventory attributed = GpuWorkloads.attribute(inventory(),
                new ProcessOriginReader(new ContainerResolver(new HostFileReader(HostPaths.of(empty)))));

        assertThat(attributed.containers()).isEmpty();
        assertThat(attributed.gpus()).flatExtracting(GpuReading::processes)
                .allSatisfy(p -> assertThat(p.processName()).isEmpty());
        assertThat(GpuInventoryText.render(attributed)).doesNotContain("Containers using GPUs");
    }
}
