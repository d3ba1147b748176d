package io.gpudoctor.agent.host.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Scope;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.driver.DriverConnection;
import io.gpudoctor.agent.driver.LibraryReport;
import io.gpudoctor.agent.gpus.CallError;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.gpus.GpuInventoryCollector;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import io.gpudoctor.cuda.CuResult;
import io.gpudoctor.locate.LibraryCandidate;
import io.gpudoctor.nvml.ClockEventReason;
import io.gpudoctor.nvml.MigMode;
import io.gpudoctor.nvml.NvmlReturn;
import io.gpudoctor.nvml.RemappedRows;
import io.gpudoctor.simulate.EccCounts;
import io.gpudoctor.simulate.GpuModel;
import io.gpudoctor.simulate.Scenario;
import io.gpudoctor.simulate.SimulatedFault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriverChecksTest {

    @TempDir
    Path root;

    private DriverHost host;

    @BeforeEach
    void newHost() {
        host = new DriverHost(root);
    }

    private static Scenario.Builder healthyA100s(int count) {
        Scenario.Builder b = Scenario.builder("t").driver("535.161.07", 12020);
        for (int i = 0; i < count; i++) {
            b.gpu(GpuModel.A100_SXM4_80GB, g -> g.persistenceMode(true));
        }
        return b;
    }

    private static GpuInventory healthy() {
        return DriverHost.simulated(healthyA100s(2).build());
    }

    private static GpuInventory noDriver() {
        LibraryReport none = new LibraryReport("libnvidia-ml.so.1", "search", Optional.empty(), List.of(), false,
                Optional.empty(), Optional.empty());
        DriverConnection driver = new DriverConnection("host", none, none, Optional.empty(), Optional.empty());
        return new GpuInventoryCollector(Duration.ofSeconds(1), Clock.systemUTC()).collect(driver, new HostFileReader(HostPaths.of(Path.of("/"))));
    }

    private static LibraryReport libraries(String chosen, String... versions) {
        List<LibraryCandidate> candidates = java.util.Arrays.stream(versions).map(v -> new LibraryCandidate(
                Path.of("/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1"),
                Path.of("/usr/lib/x86_64-linux-gnu/libnvidia-ml.so." + v), Optional.of(v), "ld.so.cache",
                Path.of("/nonexistent"))).toList();
        Optional<LibraryCandidate> pick = candidates.stream().filter(c -> c.version().orElseThrow().equals(chosen))
                .findFirst();
        return new LibraryReport("libnvidia-ml.so.1", "search", pick, candidates, true, Optional.empty(),
                Optional.empty());
    }

    private static List<Finding> only(List<Finding> findings, FindingCode code) {
        return findings.stream().filter(f -> f.code() == code).toList();
    }

    private static Finding single(List<Finding> findings, FindingCode code) {
        List<Finding> matching = only(findings, code);
        assertThat(matching).as("findings of %s in %s", code, findings).hasSize(1);
        return matching.get(0);
    }

    @Test
    void aHealthyHostHasNoWarningOrError() {
        List<Finding> findings = host.loadedModule(2).diagnose(healthy());

        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).as(f.toString()).isEqualTo(Severity.INFO));
    }

    @Test
    void aHostWithoutNvidiaGpuOrDriverGetsOneInfoSayingThereIsNothingToDiagnose() {
        List<Finding> findings = host.otherPciDevice().diagnose(noDriver());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.NO_NVIDIA_GPU);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.scope()).isEqualTo(Scope.HOST);
            assertThat(f.title()).contains("nothing to diagnose");
            assertThat(f.fix()).contains("lspci -nn -d 10de:");
        });
    }

    @Test
    void aGpuOnThePciBusWithoutAnyDriverIsDriverNotInstalled() {
        Finding f = single(host.pci("0000:18:00.0", "0x030200").diagnose(noDriver()),
                FindingCode.DRIVER_NOT_INSTALLED);

        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.scope()).isEqualTo(Scope.HOST);
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.source()).endsWith("0000:18:00.0"));
        assertThat(f.fix()).contains("apt-get install nvidia-driver");
    }

    @Test
    void nvidiasReal535LibrariesWithoutAModuleAreKernelModuleNotLoadedNamingTheirVersion() throws Exception {
        Path real = io.gpudoctor.testing.NativeFixtures.nvidiaRoot535();
        DriverConnection driver = io.gpudoctor.agent.driver.DriverConnector.connect(
                io.gpudoctor.agent.driver.DriverOptions.host(real));
        GpuInventory inventory = new GpuInventoryCollector(Duration.ofSeconds(5), Clock.systemUTC())
                .collect(driver, new HostFileReader(HostPaths.of(real)));

        List<Finding> findings = new DriverHost(real).diagnose(inventory);

        Finding f = single(findings, FindingCode.KERNEL_MODULE_NOT_LOADED);
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.scope()).isEqualTo(Scope.HOST);
        assertThat(f.title()).containsPattern("535\\.\\d+\\.\\d+");
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.observed()).contains("libnvidia-ml.so.535."));
        assertThat(f.fix()).contains("sudo modprobe nvidia").contains("nvidia-dkms-535");
        assertThat(only(findings, FindingCode.NVML_INIT_FAILED)).as("explained by the missing module").isEmpty();
        assertThat(only(findings, FindingCode.DRIVER_NOT_INSTALLED)).isEmpty();
    }

    @Test
    void nouveauHoldingTheGpuWhileNvidiaIsNotLoadedIsAnError() {
        Finding f = single(host.pci("0000:18:00.0", "0x030000")
                .file("/proc/modules", "nouveau 2793472 3 - Live 0x0000000000000000\n").diagnose(noDriver()),
                FindingCode.NOUVEAU_LOADED);

        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.fix()).contains("blacklist nouveau").contains("update-initramfs -u");
    }

    @Test
    void aModuleOfOtherVersionThanTheLibrariesIsAMismatchWithBothVersionsAndTheKernelLogLine() {
        GpuInventory inventory = DriverHost.withLibraries(
                DriverHost.simulated(Scenario.builder("t").nvmlInitError(NvmlReturn.ERROR_LIB_RM_VERSION_MISMATCH)
                        .gpus(GpuModel.A100_SXM4_80GB, 1).build()),
                libraries("535.183.01", "535.183.01"), libraries("535.183.01", "535.183.01"));
        host.loadedModule(1).kernelLog("4,1,1,-;NVRM: API mismatch: the client has the version 535.183.01, but\n"
                + "4,2,1,-;NVRM: this kernel module has the version 535.161.07.  Please\n");

        List<Finding> findings = host.diagnose(inventory);

        Finding f = single(findings, FindingCode.DRIVER_LIBRARY_MISMATCH);
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.title()).contains("535.161.07").contains("535.183.01");
        assertThat(f.evidence()).extracting(e -> e.source() + " " + e.observed())
                .anySatisfy(e -> assertThat(e).startsWith("/sys/module/nvidia/version 535.161.07"))
                .anySatisfy(e -> assertThat(e).contains("NVML_ERROR_LIB_RM_VERSION_MISMATCH"))
                .anySatisfy(e -> assertThat(e).startsWith("/dev/kmsg").contains("API mismatch"));
        assertThat(f.fix()).contains("Reboot").contains("apt-mark hold");
        assertThat(only(findings, FindingCode.NVML_INIT_FAILED)).isEmpty();
    }

    @Test
    void twoDriverVersionsAmongTheLibrariesIsAWarningListingEach() {
        GpuInventory inventory = DriverHost.withLibraries(healthy(),
                libraries("535.161.07", "535.161.07", "470.256.02"), libraries("535.161.07", "535.161.07"));

        Finding f = single(host.loadedModule(2).diagnose(inventory), FindingCode.DRIVER_LIBRARY_MISMATCH);

        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.title()).contains("535.161.07").contains("470.256.02");
        assertThat(f.fix()).contains("dpkg -S").contains("ldconfig");
    }

    @Test
    void anNvmlFailureNoOtherFindingExplainsIsNvmlInitFailed() {
        GpuInventory inventory = DriverHost.simulated(Scenario.builder("t")
                .nvmlInitError(NvmlReturn.ERROR_NO_PERMISSION).gpus(GpuModel.A100_SXM4_80GB, 1).build());

        Finding f = single(host.loadedModule(1).diagnose(inventory), FindingCode.NVML_INIT_FAILED);

        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.title()).contains("NVML_ERROR_NO_PERMISSION");
        assertThat(f.fix()).contains("ls -l /dev/nvidia*");
    }

    @Test
    void aLoadedModuleWhoseNvmlLibraryIsNowhereIsNvmlInitFailedSayingItWasNotFound() {
        Finding f = single(host.loadedModule(1).diagnose(noDriver()), FindingCode.NVML_INIT_FAILED);

        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.title()).contains("libnvidia-ml.so.1").contains("not found");
        assertThat(f.fix()).contains("--path.rootfs").contains("ldconfig");
    }

    @Test
    void aLoadedModuleWithAnNvmlLibraryPathThatDoesNotExistIsNvmlInitFailedNamingThePath() {
        LibraryReport missing = new LibraryReport("libnvidia-ml.so.1", "/opt/nvidia/libnvidia-ml.so.1",
                Optional.empty(), List.of(), false, Optional.of("not found: /opt/nvidia/libnvidia-ml.so.1"),
                Optional.empty());
        GpuInventory inventory = DriverHost.withLibraries(noDriver(), missing, missing);

        Finding f = single(host.loadedModule(1).diagnose(inventory), FindingCode.NVML_INIT_FAILED);

        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.observed()).contains("/opt/nvidia/libnvidia-ml.so.1"));
    }

    @Test
    void noNvmlLibraryAsAskedWithNvmlLibraryNoneIsNoFinding() {
        LibraryReport none = new LibraryReport("libnvidia-ml.so.1", "none", Optional.empty(), List.of(), false,
                Optional.empty(), Optional.empty());

        List<Finding> findings = host.loadedModule(1).diagnose(DriverHost.withLibraries(noDriver(), none, none));

        assertThat(only(findings, FindingCode.NVML_INIT_FAILED)).isEmpty();
    }

    @Test
    void cuInitFailingWhileNvmlWorksIsCudaInitFailedNamingTheResult() {
        GpuInventory inventory = DriverHost.simulated(healthyA100s(1).cuInitResult(new CuResult(100)).build());

        Finding f = single(host.loadedModule(1).diagnose(inventory), FindingCode.CUDA_INIT_FAILED);

        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.title()).contains("CUDA_ERROR_NO_DEVICE");
        assertThat(f.fix()).contains("CUDA_VISIBLE_DEVICES").contains("nvidia-smi -L");
    }

    @Test
    void aMissingGpuNodeIsDeviceNodesMissing() throws IOException {
        host.loadedModule(2);
        Files.delete(root.resolve("dev/nvidia1"));

        Finding f = single(host.diagnose(healthy()), FindingCode.DEVICE_NODES_MISSING);

        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.scope()).isEqualTo(Scope.HOST);
        assertThat(f.evidence()).extracting(e -> e.source() + " " + e.observed()).containsExactly("/dev/nvidia1 missing");
        assertThat(f.fix()).contains("nvidia-modprobe -c0 -u").contains("nvidia-ctk system create-device-nodes");
    }

    @Test
    void aControlNodeWithAnotherMajorIsDeviceNodesMissing() throws IOException {
        host.loadedModule(1);
        Path ctl = root.resolve("dev/nvidiactl");
        Files.delete(ctl);
        // /dev/null is a real character device (1:3): the node exists but is not the module's.
        Files.createSymbolicLink(ctl, Path.of("/dev/null"));

        Finding f = single(host.diagnose(DriverHost.simulated(healthyA100s(1).build())),
                FindingCode.DEVICE_NODES_MISSING);

        assertThat(f.evidence()).singleElement()
                .satisfies(e -> assertThat(e.observed()).contains("1:3").contains("expected major 195 minor 255"));
    }

    @Test
    void noUvmInProcDevicesAndNoUvmNodeIsUvmNotLoaded() throws IOException {
        host.loadedModule(1)
                .file("/proc/modules", "nvidia 56455168 0 - Live 0x0000000000000000 (POE)\n")
                .file("/proc/devices", "Character devices:\n195 nvidia\n");
        Files.delete(root.resolve("dev/nvidia-uvm"));

        Finding f = single(host.diagnose(DriverHost.simulated(healthyA100s(1).build())), FindingCode.UVM_NOT_LOADED);

        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.title()).contains("999");
        assertThat(f.evidence()).extracting(e -> e.source()).contains("/proc/devices", "/dev/nvidia-uvm");
        assertThat(f.fix()).contains("nvidia-modprobe -u -c=0");
    }

    @Test
    void persistenceModeOffOnDatacenterGpusIsAWarning() {
        GpuInventory inventory = DriverHost.simulated(Scenario.builder("t").gpus(GpuModel.A100_SXM4_80GB, 2).build());

        Finding f = single(host.loadedModule(2).diagnose(inventory), FindingCode.PERSISTENCE_MODE_OFF);

        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.evidence()).hasSize(2);
        assertThat(f.fix()).contains("nvidia-smi -pm 1").contains("nvidia-persistenced");
    }

    @Test
    void persistenceModeOffOnAGeforceCardIsNotReported() {
        GpuInventory inventory = DriverHost.simulated(Scenario.builder("t").gpus(GpuModel.RTX_4090, 1).build());

        assertThat(only(host.loadedModule(1).diagnose(inventory), FindingCode.PERSISTENCE_MODE_OFF)).isEmpty();
    }

    @Test
    void anNvswitchWithoutNvFabricmanagerIsFabricManagerNotRunning() {
        Finding f = single(host.loadedModule(2).pci("0000:05:00.0", "0x068000").process(1, "systemd")
                .diagnose(healthy()), FindingCode.FABRIC_MANAGER_NOT_RUNNING);

        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.title()).contains("802");
        assertThat(f.fix()).contains("nvidia-fabricmanager-535").contains("systemctl enable --now nvidia-fabricmanager");
    }

    @Test
    void aRunningFabricManagerSatisfiesAnNvswitchSystem() {
        // The kernel truncates comm to 15 characters, as it does for the real daemon.
        List<Finding> findings = host.loadedModule(2).pci("0000:05:00.0", "0x068000").process(4242, "nv-fabricmanage")
                .diagnose(healthy());

        assertThat(only(findings, FindingCode.FABRIC_MANAGER_NOT_RUNNING)).isEmpty();
    }

    @Test
    void migEnabledWithoutAnyGpuInstanceIsReported() {
        GpuInventory inventory = DriverHost.simulated(Scenario.builder("t")
                .gpu(GpuModel.A100_SXM4_80GB, g -> g.persistenceMode(true).migMode(new MigMode(true, true))).build());
        host.loadedModule(1).file("/proc/driver/nvidia/capabilities/gpu0/mig/config", "DeviceFileMinor: 1\n")
                .file("/proc/driver/nvidia/capabilities/gpu0/mig/monitor", "DeviceFileMinor: 2\n");

        Finding f = single(host.diagnose(inventory), FindingCode.MIG_ENABLED_NO_INSTANCES);

        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.fix()).contains("nvidia-smi mig -i 0 -cgi").contains("-mig 0");
    }

    @Test
    void migEnabledWithAGpuInstanceIsFine() {
        GpuInventory inventory = DriverHost.simulated(Scenario.builder("t")
                .gpu(GpuModel.A100_SXM4_80GB, g -> g.persistenceMode(true).migMode(new MigMode(true, true))).build());
        host.loadedModule(1).file("/proc/driver/nvidia/capabilities/gpu0/mig/config", "")
                .dir("/proc/driver/nvidia/capabilities/gpu0/mig/gi1");

        assertThat(only(host.diagnose(inventory), FindingCode.MIG_ENABLED_NO_INSTANCES)).isEmpty();
    }

    @Test
    void aGpuNvmlReportsLostIsGpuLost() {
        GpuInventory inventory = DriverHost.simulated(healthyA100s(2)
                .fault(SimulatedFault.error(SimulatedFault.ANY_CALL, 1, NvmlReturn.ERROR_GPU_IS_LOST)).build());

        Finding f = single(host.loadedModule(2).diagnose(inventory), FindingCode.GPU_LOST);

        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.scope()).isEqualTo(Scope.HOST);
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.observed()).isEqualTo("NVML_ERROR_GPU_IS_LOST"));
        assertThat(f.fix()).contains("nvidia-smi -r -i 1");
    }

    @Test
    void aGpuNvmlReportsLostAndTheKernelLogsXid79ForIsOneFindingWithBothAsEvidence() {
        GpuInventory inventory = DriverHost.simulated(healthyA100s(2)
                .fault(SimulatedFault.error(SimulatedFault.ANY_CALL, 1, NvmlReturn.ERROR_GPU_IS_LOST)).build());
        host.loadedModule(2).kernelLog(
                "3,5,9,-;NVRM: Xid (PCI:0000:a1:00): 79, pid=2212, name=python3, GPU has fallen off the bus.\n");

        Finding f = single(host.diagnose(inventory), FindingCode.GPU_LOST);

        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.observed()).isEqualTo("NVML_ERROR_GPU_IS_LOST"))
                .anySatisfy(e -> assertThat(e.observed()).contains("fallen off the bus"));
        assertThat(f.fix()).contains("nvidia-smi -r -i 1");
    }

    @Test
    void aGpuCallThatHungIsNvmlCallHungWithTheCallAndTheFix() {
        GpuInventory healthy = healthy();
        GpuInventory inventory = withGpus(healthy, List.of(healthy.gpus().get(0),
                healthy.gpus().get(1).withErrors(List.of(new CallError("memoryInfo", "HUNG",
                        "no answer within 2000 ms")))));

        Finding f = single(host.loadedModule(2).diagnose(inventory), FindingCode.NVML_CALL_HUNG);

        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.scope()).isEqualTo(Scope.HOST);
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.observed()).contains("GPU 1").contains("memoryInfo"));
        assertThat(f.fix()).contains("dmesg | grep -i xid").contains("reboot");
    }

    @Test
    void callsSkippedBehindAStuckOneAreNotReportedAsHangsOfTheirOwn() {
        GpuInventory healthy = healthy();
        GpuInventory inventory = withGpus(healthy, List.of(healthy.gpus().get(0),
                healthy.gpus().get(1).withErrors(List.of(new CallError("memoryInfo", "HUNG",
                        "skipped: uuid has not returned")))));

        assertThat(only(host.loadedModule(2).diagnose(inventory), FindingCode.NVML_CALL_HUNG)).isEmpty();
    }

    @Test
    void anInitThatHungIsLeftToNvmlInitFailed() {
        GpuInventory inventory = DriverHost.simulated(healthyA100s(1).build());
        GpuInventory hung = new GpuInventory(inventory.schema(), inventory.generatedAt(), inventory.source(),
                inventory.rootfs(), inventory.libraries(), new GpuInventory.NvmlState("HUNG", "wedged",
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(new CallError("init", "HUNG", "no answer within 2000 ms"))), inventory.cuda(), List.of(),
                inventory.verdict());

        List<Finding> findings = host.loadedModule(1).diagnose(hung);

        assertThat(only(findings, FindingCode.NVML_CALL_HUNG)).isEmpty();
        assertThat(only(findings, FindingCode.NVML_INIT_FAILED)).hasSize(1);
    }

    private static GpuInventory withGpus(GpuInventory inv, List<GpuReading> gpus) {
        return new GpuInventory(inv.schema(), inv.generatedAt(), inv.source(), inv.rootfs(), inv.libraries(),
                inv.nvml(), inv.cuda(), gpus, inv.verdict());
    }

    @Test
    void xid79ForAGpuNvmlCannotReadIsGpuLostWithTheKernelLine() {
        host.loadedModule(1).kernelLog(
                "3,5,9,-;NVRM: Xid (PCI:0000:a1:00): 79, pid=2212, name=python3, GPU has fallen off the bus.\n");

        Finding f = single(host.diagnose(DriverHost.simulated(healthyA100s(1).build())), FindingCode.GPU_LOST);

        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.title()).contains("0000:a1:00");
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.observed()).contains("fallen off the bus"));
        assertThat(f.fix()).contains("nvidia-smi -r -i");
    }

    @Test
    void aMultiLineFallenOffTheBusForAGpuNvmlReadsNowIsAWarning() {
        host.loadedModule(1).kernelLog("""
                [  100.0] NVRM: The NVIDIA GPU 0000:18:00.0
                [  100.0] NVRM: (PCI ID: 10de:20b2) installed in this system has
                [  100.0] NVRM: fallen off the bus and is not responding to commands.
                """);

        Finding f = single(host.diagnose(DriverHost.simulated(healthyA100s(1).build())), FindingCode.GPU_LOST);

        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.title()).startsWith("GPU 0 (NVIDIA A100-SXM4-80GB");
    }

    @Test
    void xidsAreReportedPerGpuAndXidWithCountLastMessageAndMeaning() {
        host.loadedModule(2).kernelLog("""
                [  1.0] NVRM: Xid (PCI:0000:18:00): 48, pid=1, name=a, DBE (0x1)
                [  2.0] NVRM: Xid (PCI:0000:18:00): 48, pid=2, name=b, DBE (0x2)
                [  3.0] NVRM: Xid (PCI:0000:2a:00): 13, pid=3, name=c, Graphics SM Warp Exception
                """);

        List<Finding> xids = only(host.diagnose(healthy()), FindingCode.XID_ERROR);

        assertThat(xids).hasSize(2);
        Finding dbe = xids.stream().filter(f -> f.title().startsWith("Xid 48")).findFirst().orElseThrow();
        assertThat(dbe.severity()).isEqualTo(Severity.ERROR);
        assertThat(dbe.scope()).isEqualTo(Scope.HOST);
        assertThat(dbe.title()).contains("GPU 0").contains("2 times").contains("Double-bit ECC");
        assertThat(dbe.evidence()).anySatisfy(e -> assertThat(e.observed()).contains("DBE (0x2)"));
        assertThat(dbe.fix()).contains("nvidia-smi -r -i 0");
        Finding app = xids.stream().filter(f -> f.title().startsWith("Xid 13")).findFirst().orElseThrow();
        assertThat(app.severity()).isEqualTo(Severity.WARN);
        assertThat(app.fix()).contains("compute-sanitizer");
    }

    @Test
    void xid79IsLeftToGpuLostRatherThanReportedTwice() {
        host.loadedModule(1).kernelLog("NVRM: Xid (PCI:0000:18:00): 79, pid=1, GPU has fallen off the bus.\n");

        assertThat(only(host.diagnose(DriverHost.simulated(healthyA100s(1).build())), FindingCode.XID_ERROR))
                .isEmpty();
    }

    @Test
    void uncorrectableEccErrorsSinceTheDriverLoadedAreAnError() {
        GpuInventory inventory = DriverHost.simulated(Scenario.builder("t").gpu(GpuModel.A100_SXM4_80GB,
                g -> g.persistenceMode(true).ecc(new EccCounts(0, 2, 0, 2))).build());

        Finding f = single(host.loadedModule(1).diagnose(inventory), FindingCode.ECC_UNCORRECTABLE_ERRORS);

        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.fix()).contains("nvidia-smi -r -i 0");
    }

    @Test
    void uncorrectableEccErrorsOnlyInTheBoardsLifetimeAreAWarning() {
        GpuInventory inventory = DriverHost.simulated(Scenario.builder("t").gpu(GpuModel.A100_SXM4_80GB,
                g -> g.persistenceMode(true).ecc(new EccCounts(0, 0, 0, 3))).build());

        Finding f = single(host.loadedModule(1).diagnose(inventory), FindingCode.ECC_UNCORRECTABLE_ERRORS);

        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.fix()).contains("nvidia-smi -q -d ECC -i 0");
    }

    @Test
    void aFailedRowRemapIsAnError() {
        GpuInventory inventory = DriverHost.simulated(Scenario.builder("t").gpu(GpuModel.A100_SXM4_80GB,
                g -> g.persistenceMode(true).remappedRows(new RemappedRows(0, 8, false, true))).build());

        Finding f = single(host.loadedModule(1).diagnose(inventory), FindingCode.ROW_REMAP_FAILURE);

        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.fix()).contains("nvidia-smi -q -d ROW_REMAPPER -i 0");
    }

    @Test
    void aPendingRowRemapIsAWarningToResetTheGpu() {
        GpuInventory inventory = DriverHost.simulated(Scenario.builder("t").gpu(GpuModel.A100_SXM4_80GB,
                g -> g.persistenceMode(true).remappedRows(new RemappedRows(0, 1, true, false))).build());

        List<Finding> findings = host.loadedModule(1).diagnose(inventory);
        Finding f = single(findings, FindingCode.GPU_RESET_REQUIRED);

        assertThat(only(findings, FindingCode.ROW_REMAP_FAILURE)).isEmpty();
        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.fix()).contains("nvidia-smi -r -i 0");
    }

    @Test
    void aPendingRowRemapSaysItIsNoFailureAndNeverToReplaceTheGpu() {
        GpuInventory inventory = DriverHost.simulated(Scenario.builder("t").gpu(GpuModel.A100_SXM4_80GB,
                g -> g.persistenceMode(true).remappedRows(new RemappedRows(0, 1, true, false))).build());

        List<Finding> findings = host.loadedModule(1).diagnose(inventory);
        Finding f = single(findings, FindingCode.GPU_RESET_REQUIRED);

        assertThat(findings).extracting(Finding::code).doesNotContain(FindingCode.ROW_REMAP_FAILURE);
        assertThat(f.title()).contains("needs a reset").doesNotContainIgnoringCase("replac");
        assertThat(f.fix()).doesNotContainIgnoringCase("replac").doesNotContain("RMA");
    }

    @Test
    void thermalSlowdownIsThrottling() {
        GpuInventory inventory = DriverHost.simulated(Scenario.builder("t").gpu(GpuModel.A100_SXM4_80GB,
                g -> g.persistenceMode(true).utilization(90, 50)
                        .clockEventReasons(Set.of(ClockEventReason.HW_THERMAL_SLOWDOWN))).build());

        Finding f = single(host.loadedModule(1).diagnose(inventory), FindingCode.GPU_THROTTLED);

        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.title()).contains("HW_THERMAL_SLOWDOWN");
        assertThat(f.fix()).contains("nvidia-smi -q -d PERFORMANCE,TEMPERATURE,POWER -i 0");
    }

    @Test
    void theSoftwarePowerCapAloneIsNotThrottling() {
        GpuInventory inventory = DriverHost.simulated(Scenario.builder("t").gpu(GpuModel.A100_SXM4_80GB,
                g -> g.persistenceMode(true).utilization(100, 50)
                        .clockEventReasons(Set.of(ClockEventReason.SW_POWER_CAP))).build());

        assertThat(only(host.loadedModule(1).diagnose(inventory), FindingCode.GPU_THROTTLED)).isEmpty();
    }

    @Test
    void anIdleGpuIsNotThrottling() {
        assertThat(only(host.loadedModule(2).diagnose(healthy()), FindingCode.GPU_THROTTLED)).isEmpty();
    }
}
