package io.gpudoctor.agent.host.cdi;

import static io.gpudoctor.agent.host.cdi.CdiSpecParserTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Scope;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.driver.LibraryReport;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.locate.LibraryCandidate;
import io.gpudoctor.simulate.GpuModel;
import io.gpudoctor.simulate.Scenario;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdiSpecStaleCheckTest {

    private static final String SPEC = "/var/run/cdi/nvidia.yaml";
    private static final String FIX = "nvidia-ctk cdi generate --output=/var/run/cdi/nvidia.yaml";

    @TempDir
    Path root;

    private Finding stale(String spec, GpuInventory inventory) {
        return stale(spec, new CdiHost(root), inventory);
    }

    private static Finding stale(String spec, CdiHost host, GpuInventory inventory) {
        List<Finding> findings = host.spec(SPEC, spec).diagnose(inventory);
        assertThat(findings).extracting(Finding::code).containsOnly(FindingCode.CDI_SPEC_STALE);
        return findings.get(0);
    }

    @Test
    void aFreshSpecMatchingDriverAndGpusIsNotStale() {
        assertThat(new CdiHost(root).spec(SPEC, resource("nvidia.yaml")).diagnose(SimulatedInventory.fixtureNode()))
                .isEmpty();
    }

    @Test
    void aSpecMountingTheLibrariesOfAnotherDriverIsAnError() {
        GpuInventory upgraded = SimulatedInventory.of(Scenario.builder("t").driver("550.90.07", 12040)
                .gpu(GpuModel.A100_SXM4_80GB, g -> g.uuid(SimulatedInventory.UUID_0))
                .gpu(GpuModel.A100_SXM4_80GB, g -> g.uuid(SimulatedInventory.UUID_1)).build());

        Finding finding = stale(resource("nvidia.yaml"), upgraded);

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.scope()).isEqualTo(Scope.HOST);
        assertThat(finding.evidence()).containsExactly(
                new Evidence("mount hostPath", "/usr/lib/x86_64-linux-gnu/libcuda.so.535.161.07 (driver 550.90.07 running, read from nvmlSystemGetDriverVersion)"),
                new Evidence("mount hostPath", "/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.535.161.07 (driver 550.90.07 running, read from nvmlSystemGetDriverVersion)"));
        assertThat(finding.fix()).contains(FIX).contains("systemctl restart nvidia-cdi-refresh");
    }

    @Test
    void bothLibrariesOfTheLastDriverAreNamedInOneSentenceNotTheSameSentenceTwice() {
        GpuInventory upgraded = SimulatedInventory.of(Scenario.builder("t").driver("550.90.07", 12040)
                .gpu(GpuModel.A100_SXM4_80GB, g -> g.uuid(SimulatedInventory.UUID_0))
                .gpu(GpuModel.A100_SXM4_80GB, g -> g.uuid(SimulatedInventory.UUID_1)).build());

        assertThat(stale(resource("nvidia.yaml"), upgraded).detail()).isEqualTo("The CDI spec was generated for a"
                + " node that is no longer this one, and runtimes apply it as written: it mounts"
                + " /usr/lib/x86_64-linux-gnu/libcuda.so.535.161.07 and /usr/lib/x86_64-linux-gnu/libnvidia-ml.so.535.161.07,"
                + " libraries of driver 535.161.07, while the driver is 550.90.07 (nvmlSystemGetDriverVersion), so"
                + " starting a container fails on the missing files.");
    }

    @Test
    void withoutNvmlOrAKernelModuleTheVersionOfTheChosenLibraryIsTheDriversVersion() {
        GpuInventory fixture = SimulatedInventory.fixtureNode();
        Path lib = Path.of("/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.550.90.07");
        LibraryReport chosen = new LibraryReport("libnvidia-ml.so.1", "search",
                Optional.of(new LibraryCandidate(Path.of("/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1"), lib,
                        Optional.of("550.90.07"), "ld.so.cache", lib)),
                List.of(), false, Optional.of("NVML_ERROR_LIB_RM_VERSION_MISMATCH"), Optional.empty());
        GpuInventory noNvml = new GpuInventory(fixture.schema(), fixture.generatedAt(), "host", "/",
                new GpuInventory.Libraries(chosen, fixture.libraries().cuda()),
                new GpuInventory.NvmlState("NVML_ERROR_LIB_RM_VERSION_MISMATCH", "mismatch", Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), List.of()),
                fixture.cuda(), List.of(), "");

        Finding finding = stale(resource("nvidia.yaml"), noNvml);

        assertThat(finding.evidence()).extracting(Evidence::observed)
                .contains("/usr/lib/x86_64-linux-gnu/libcuda.so.535.161.07 (driver 550.90.07 running, read from "
                        + "/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.550.90.07)");
    }

    @Test
    void withoutNvmlASpecOfAnotherDriverIsStaleAgainstTheRunningKernelModule() {
        Finding finding = stale(resource("nvidia.yaml"), new CdiHost(root).module("470.256.02"), noNvml(Optional.empty()));

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.detail()).contains("while the driver is 470.256.02 (/proc/driver/nvidia/version)");
        assertThat(finding.evidence()).extracting(Evidence::observed).contains("/usr/lib/x86_64-linux-gnu/libcuda.so"
                + ".535.161.07 (driver 470.256.02 running, read from /proc/driver/nvidia/version)");
    }

    @Test
    void inADriverLibraryMismatchTheKernelModuleNotTheNewerLibraryIsTheDriverASpecIsJudgedBy() {
        CdiHost host = new CdiHost(root).module(SimulatedInventory.DRIVER).spec(SPEC, resource("nvidia.yaml"));

        assertThat(host.diagnose(noNvml(Optional.of("550.90.07")))).isEmpty();
    }

    /**
     * A node where NVML fails to initialise: its libnvidia-ml, when given, is of driver
     * {@code libraryVersion}; the GPUs are the fixture spec's, so only the driver can make it stale.
     */
    private static GpuInventory noNvml(Optional<String> libraryVersion) {
        GpuInventory fixture = SimulatedInventory.fixtureNode();
        Optional<LibraryCandidate> chosen = libraryVersion.map(v -> {
            Path lib = Path.of("/usr/lib/x86_64-linux-gnu/libnvidia-ml.so." + v);
            return new LibraryCandidate(Path.of("/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1"), lib, Optional.of(v),
                    "ld.so.cache", lib);
        });
        LibraryReport nvml = new LibraryReport("libnvidia-ml.so.1", "search", chosen, chosen.stream().toList(),
                chosen.isPresent(), Optional.empty(), Optional.empty());
        LibraryReport cuda = new LibraryReport("libcuda.so.1", "search", Optional.empty(), List.of(), false,
                Optional.empty(), Optional.empty());
        return new GpuInventory(fixture.schema(), fixture.generatedAt(), "host", "/",
                new GpuInventory.Libraries(nvml, cuda),
                new GpuInventory.NvmlState(chosen.isPresent() ? "NVML_ERROR_LIB_RM_VERSION_MISMATCH" : "LIBRARY_NOT_LOADED",
                        "", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of()),
                new GpuInventory.CudaState("LIBRARY_NOT_LOADED", "", Optional.empty(), Optional.empty(), List.of()),
                fixture.gpus(), "");
    }

    @Test
    void aSpecNamingAGpuThatIsGoneIsAnError() {
        GpuInventory oneGpu = SimulatedInventory.of(Scenario.builder("t").driver(SimulatedInventory.DRIVER, 12020)
                .gpu(GpuModel.A100_SXM4_80GB, g -> g.uuid(SimulatedInventory.UUID_0)).build());

        Finding finding = stale(resource("nvidia.yaml"), oneGpu);

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.evidence()).containsExactly(new Evidence("devices[].name",
                "not on this node: 1, " + SimulatedInventory.UUID_1 + " (1 GPU(s) present)"));
        assertThat(finding.fix()).contains(FIX);
    }

    @Test
    void aLostGpuWhoseUuidNvmlCannotReadIsNotTakenForAGpuThatIsGone() {
        GpuInventory oneLost = SimulatedInventory.of(Scenario.builder("t").driver(SimulatedInventory.DRIVER, 12020)
                .gpu(GpuModel.A100_SXM4_80GB, g -> g.uuid(SimulatedInventory.UUID_0))
                .gpu(GpuModel.A100_SXM4_80GB, g -> g.uuid(SimulatedInventory.UUID_1))
                .fault(io.gpudoctor.simulate.SimulatedFault.error(io.gpudoctor.simulate.SimulatedFault.ANY_CALL, 1,
                        io.gpudoctor.nvml.NvmlReturn.ERROR_GPU_IS_LOST)).build());

        assertThat(new CdiHost(root).spec(SPEC, resource("nvidia.yaml")).diagnose(oneLost))
                .noneMatch(f -> f.evidence().stream().anyMatch(e -> e.observed().startsWith("not on this node")));
    }

    @Test
    void aGpuMissingFromTheSpecIsAWarning() {
        GpuInventory threeGpus = SimulatedInventory.of(Scenario.builder("t").driver(SimulatedInventory.DRIVER, 12020)
                .gpu(GpuModel.A100_SXM4_80GB, g -> g.uuid(SimulatedInventory.UUID_0))
                .gpu(GpuModel.A100_SXM4_80GB, g -> g.uuid(SimulatedInventory.UUID_1))
                .gpu(GpuModel.A100_SXM4_80GB, g -> g.uuid("GPU-00000000-1111-2222-3333-444444444444")).build());

        Finding finding = stale(resource("nvidia.yaml"), threeGpus);

        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.evidence()).containsExactly(new Evidence("devices[].name",
                "GPUs present but not in the spec: 2 (GPU-00000000-1111-2222-3333-444444444444)"));
    }

    @Test
    void aSwappedGpuIsFoundByItsUuidThoughItsIndexMatches() {
        GpuInventory swapped = SimulatedInventory.of(Scenario.builder("t").driver(SimulatedInventory.DRIVER, 12020)
                .gpu(GpuModel.A100_SXM4_80GB, g -> g.uuid(SimulatedInventory.UUID_0))
                .gpu(GpuModel.A100_SXM4_80GB, g -> g.uuid("GPU-00000000-1111-2222-3333-444444444444")).build());

        assertThat(stale(resource("nvidia.yaml"), swapped).evidence()).extracting(Evidence::observed)
                .containsExactly("not on this node: " + SimulatedInventory.UUID_1 + " (2 GPU(s) present)");
    }

    @Test
    void aSpecWithoutTheUvmDeviceNodeIsAnError() {
        String spec = resource("nvidia.yaml").replace("""
                        - path: /dev/nvidia-uvm
                          hostPath: /dev/nvidia-uvm
                """, "");

        Finding finding = stale(spec, SimulatedInventory.fixtureNode());

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.evidence()).containsExactly(new Evidence("containerEdits.deviceNodes", "no /dev/nvidia-uvm"));
        assertThat(finding.detail()).contains("error 999");
        assertThat(finding.fix()).contains(FIX);
    }

    @Test
    void hooksWithoutEnvMarkASpecFromBeforeTheCve202523266FixAndAskForANewerToolkit() {
        String spec = resource("nvidia.yaml").replace("""
                          env:
                            - NVIDIA_CTK_DEBUG=false
                """, "");

        Finding finding = stale(spec, SimulatedInventory.fixtureNode());

        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.evidence()).containsExactly(new Evidence("containerEdits.hooks[].env",
                "missing on nvidia-cdi-hook enable-cuda-compat, nvidia-cdi-hook create-symlinks,"
                        + " nvidia-cdi-hook update-ldcache"));
        assertThat(finding.detail()).contains("CVE-2025-23266");
        assertThat(finding.fix()).startsWith("Upgrade nvidia-container-toolkit to 1.17.8 or later").contains(FIX);
    }

    @Test
    void everyWayASpecDriftedIsOneFindingAtTheWorstSeverity() {
        String spec = resource("nvidia.yaml").replace("""
                          env:
                            - NVIDIA_CTK_DEBUG=false
                """, "");
        GpuInventory upgraded = SimulatedInventory.of(Scenario.builder("t").driver("550.90.07", 12040)
                .gpu(GpuModel.A100_SXM4_80GB, g -> g.uuid(SimulatedInventory.UUID_0))
                .gpu(GpuModel.A100_SXM4_80GB, g -> g.uuid(SimulatedInventory.UUID_1)).build());

        Finding finding = stale(spec, upgraded);

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.evidence()).hasSize(3);
    }

    @Test
    void aStaleSpecUnderEtcIsRegeneratedInPlace() {
        GpuInventory oneGpu = SimulatedInventory.of(Scenario.builder("t").driver(SimulatedInventory.DRIVER, 12020)
                .gpu(GpuModel.A100_SXM4_80GB, g -> g.uuid(SimulatedInventory.UUID_0)).build());

        List<Finding> findings = new CdiHost(root).spec("/etc/cdi/nvidia.yaml", resource("nvidia.yaml")).diagnose(oneGpu);

        assertThat(findings).singleElement().satisfies(f -> assertThat(f.fix())
                .contains("nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml").doesNotContain("nvidia-cdi-refresh"));
    }

    @Test
    void anotherVendorsSpecIsNeverStale() {
        String fpga = "cdiVersion: 0.5.0\nkind: vendor.com/fpga\ndevices: [{name: fpga0}]\n";

        assertThat(new CdiHost(root).spec("/etc/cdi/vendor.yaml", fpga).diagnose(SimulatedInventory.fixtureNode()))
                .isEmpty();
    }
}
