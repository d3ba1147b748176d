package io.gpudoctor.agent.host.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.gpus.ModuleGpu;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriverProbesTest {

    @TempDir
    Path root;

    private HostFileReader files() {
        return new HostFileReader(HostPaths.of(root));
    }

    @Test
    void theKernelModuleProbeReadsTheFixtureOfALoaded535Module() {
        new DriverHost(root).loadedModule(2);

        KernelModuleFacts facts = new KernelModuleProbe().probe(files());

        assertThat(facts.version()).contains("535.161.07");
        assertThat(facts.versionSource()).isEqualTo("/sys/module/nvidia/version");
        assertThat(facts.nvidiaLoaded()).isTrue();
        assertThat(facts.uvmLoaded()).isTrue();
        assertThat(facts.controlMajor()).contains(195);
        assertThat(facts.gpus()).extracting(ModuleGpu::deviceMinor).containsExactly(Optional.of(0), Optional.of(1));
    }

    @Test
    void withoutAnyFileTheModuleIsUnknownAndNothingThrows() {
        KernelModuleFacts facts = new KernelModuleProbe().probe(files());

        assertThat(facts.nvidiaLoaded()).isFalse();
        assertThat(facts.modulesListed()).isFalse();
        assertThat(facts.devicesListed()).isFalse();
    }

    @Test
    void binaryAndHugeFilesBecomeUnknownFacts() throws IOException {
        DriverHost host = new DriverHost(root);
        host.file("/proc/driver/nvidia/version", "\u0000\u0001\u0002\ufffd");
        Files.createDirectories(root.resolve("proc"));
        Files.write(root.resolve("proc/modules"), new byte[HostFileReader.DEFAULT_CAP + 10]);
        host.file("/proc/devices", "Character devices:\n\u0000\u0000");

        KernelModuleFacts facts = new KernelModuleProbe().probe(files());

        assertThat(facts.version()).isEmpty();
        assertThat(facts.modulesListed()).isFalse();
        assertThat(facts.majors()).isEmpty();
    }

    @Test
    void thePciProbeKeepsNvidiaFunctionsOnly() {
        new DriverHost(root).otherPciDevice().pci("0000:18:00.0", "0x030200").pci("0000:05:00.0", "0x068000");

        PciDevices pci = new PciDevicesProbe().probe(files());

        assertThat(pci.scanned()).isTrue();
        assertThat(pci.gpus()).extracting(PciDevice::address).containsExactly("0000:18:00.0");
        assertThat(pci.nvSwitches()).extracting(PciDevice::address).containsExactly("0000:05:00.0");
    }

    @Test
    void withoutSysfsThePciBusIsNotScanned() {
        assertThat(new PciDevicesProbe().probe(files()).scanned()).isFalse();
    }

    @Test
    void aCharacterDeviceNodeCarriesItsNumbersAndAPlainFileDoesNot() throws IOException {
        new DriverHost(root).file("/dev/nvidia0", "");
        Files.createSymbolicLink(root.resolve("dev/nvidiactl"), Path.of("/dev/null"));

        DeviceNodes nodes = new DeviceNodesProbe().probe(files());

        assertThat(nodes.node("/dev/nvidiactl")).hasValueSatisfying(n -> {
            assertThat(n.charDevice()).isTrue();
            assertThat(n.major()).contains(1);
            assertThat(n.minor()).contains(3);
        });
        assertThat(nodes.node("/dev/nvidia0")).hasValueSatisfying(n -> assertThat(n.charDevice()).isFalse());
    }

    @Test
    void migInstancesAreTheGiFoldersOfEachGpu() {
        new DriverHost(root).file("/proc/driver/nvidia/capabilities/gpu0/mig/config", "")
                .dir("/proc/driver/nvidia/capabilities/gpu0/mig/gi1")
                .dir("/proc/driver/nvidia/capabilities/gpu0/mig/gi2")
                .file("/proc/driver/nvidia/capabilities/gpu1/mig/monitor", "");

        MigCapabilities mig = new MigCapabilitiesProbe().probe(files());

        assertThat(mig.instances(0)).contains(2L);
        assertThat(mig.instances(1)).contains(0L);
        assertThat(mig.instances(2)).isEmpty();
    }
}
