package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.doctor.CheckRegistry;
import io.gpudoctor.agent.doctor.CheckRegistry.Concern;
import io.gpudoctor.agent.hostfs.HostRootFiles;
import io.gpudoctor.agent.diagnosis.DiagnosisEngine;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.driver.DriverConnection;
import io.gpudoctor.agent.driver.LibraryReport;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.gpus.GpuInventoryCollector;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import io.gpudoctor.agent.host.proc.ProcessTableProbe;
import io.gpudoctor.simulate.Scenario;
import io.gpudoctor.simulate.SimulatedCudaDriver;
import io.gpudoctor.simulate.SimulatedNvml;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A host root built file by file under a test's temporary folder, and the driver diagnosis over it. */
final class DriverHost {

    private final Path root;
    private Optional<ExpectedGpuCount> expectedGpus = Optional.empty();

    DriverHost(Path root) {
        this.root = root;
    }

    /** The operator's GPU count ({@code gpus.expected}) given to the diagnosis. */
    DriverHost expecting(int gpus, String source) {
        expectedGpus = ExpectedGpuCount.of(gpus, source);
        return this;
    }

    DriverHost file(String hostPath, String content) {
        HostRootFiles.write(root, hostPath, content);
        return this;
    }

    DriverHost dir(String hostPath) {
        HostRootFiles.folder(root, hostPath);
        return this;
    }

    DriverHost pci(String address, String classCode) {
        return file("/sys/bus/pci/devices/" + address + "/vendor", "0x10de\n")
                .file("/sys/bus/pci/devices/" + address + "/class", classCode + "\n")
                .file("/sys/bus/pci/devices/" + address + "/device", "0x20b2\n");
    }

    DriverHost otherPciDevice() {
        return file("/sys/bus/pci/devices/0000:00:00.0/vendor", "0x8086\n")
                .file("/sys/bus/pci/devices/0000:00:00.0/class", "0x060000\n");
    }

    /**
     * A loaded 535.161.07 module driving {@code gpus} GPUs (up to 8, at a DGX H100's addresses), with
     * every node in place (as plain files).
     */
    DriverHost loadedModule(int gpus) {
        file("/proc/driver/nvidia/version", "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.161.07  Sat Feb 17"
                + " 22:55:48 UTC 2024\nGCC version:  gcc version 12.3.0\n")
                .file("/sys/module/nvidia/version", "535.161.07\n")
                .file("/proc/modules", "nvidia_uvm 1527808 0 - Live 0x0000000000000000 (POE)\n"
                        + "nvidia 56455168 2 nvidia_uvm, Live 0x0000000000000000 (POE)\n")
                .file("/proc/devices", "Character devices:\n  1 mem\n195 nvidia-frontend\n195 nvidia\n"
                        + "508 nvidia-uvm\n511 nvidia-caps\n\nBlock devices:\n  8 sd\n")
                .file("/dev/nvidiactl", "").file("/dev/nvidia-uvm", "").file("/dev/nvidia-uvm-tools", "")
                .otherPciDevice();
        for (int i = 0; i < gpus; i++) {
            String bus = String.format("0000:%02x:00.0", new int[] {0x18, 0x2a, 0x3a, 0x5d, 0x9a, 0xab, 0xba, 0xdb}[i]);
            file("/dev/nvidia" + i, "");
            pci(bus, "0x030200");
            file("/proc/driver/nvidia/gpus/" + bus + "/information", "Model: \t\t NVIDIA A100-SXM4-80GB\n"
                    + "IRQ:   \t\t 42\nGPU UUID: \t GPU-0000\nBus Location: \t " + bus + "\nDevice Minor: \t " + i + "\n");
        }
        return this;
    }

    DriverHost process(int pid, String comm) {
        return file("/proc/" + pid + "/comm", comm + "\n");
    }

    DriverHost kernelLog(String text) {
        return file("/dev/kmsg", text);
    }

    List<Finding> diagnose(GpuInventory inventory) {
        List<HostProbe<?>> probes = new ArrayList<>(CheckRegistry.probesOf(Optional.empty(), Concern.DRIVER));
        probes.add(new ProcessTableProbe());
        DiagnosisEngine engine = new DiagnosisEngine(probes, CheckRegistry.checksOf(Concern.DRIVER));
        HostFacts.Builder given = HostFacts.builder().put(GpuInventory.class, inventory);
        expectedGpus.ifPresent(expected -> given.put(ExpectedGpuCount.class, expected));
        HostFacts facts = engine.probe(new HostFileReader(HostPaths.of(root)), given);
        return engine.evaluate(facts);
    }

    /** What the simulated driver of the scenario answers, as the host diagnosis would collect it. */
    static GpuInventory simulated(Scenario scenario) {
        SimulatedNvml nvml = new SimulatedNvml(scenario);
        LibraryReport simulated = new LibraryReport("libnvidia-ml.so.1", "simulated", Optional.empty(), List.of(),
                true, Optional.empty(), Optional.empty());
        DriverConnection driver = new DriverConnection("simulated:" + scenario.name(), simulated, simulated,
                Optional.of(nvml), Optional.of(new SimulatedCudaDriver(scenario)));
        return new GpuInventoryCollector(Duration.ofSeconds(2), Clock.systemUTC()).collect(driver, new HostFileReader(HostPaths.of(Path.of("/"))));
    }

    /** The inventory with other library reports, as a host search would have found them. */
    static GpuInventory withLibraries(GpuInventory inv, LibraryReport nvml, LibraryReport cuda) {
        return new GpuInventory(inv.schema(), inv.generatedAt(), "host", inv.rootfs(),
                new GpuInventory.Libraries(nvml, cuda), inv.nvml(), inv.cuda(), inv.gpus(), inv.verdict());
    }
}
