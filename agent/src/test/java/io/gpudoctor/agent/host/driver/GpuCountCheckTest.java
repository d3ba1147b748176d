package io.gpudoctor.agent.host.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.nvml.NvmlReturn;
import io.gpudoctor.simulate.GpuModel;
import io.gpudoctor.simulate.Scenario;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GPU_COUNT_BELOW_EXPECTED against the operator's count ({@code gpus.expected}) and the PCI bus. */
class GpuCountCheckTest {

    private static final String SERVE_FLAG = "--gpus.expected=8 (serve flag)";

    private final DriverHost host;

    GpuCountCheckTest(@TempDir Path root) {
        host = new DriverHost(root);
    }

    private static GpuInventory a100s(int count) {
        return DriverHost.simulated(Scenario.builder("t").driver("535.161.07", 12020)
                .gpus(GpuModel.A100_SXM4_80GB, count).build());
    }

    private List<Finding> count(GpuInventory inventory) {
        return host.diagnose(inventory).stream().filter(f -> f.code() == FindingCode.GPU_COUNT_BELOW_EXPECTED).toList();
    }

    @Test
    void sevenGpusWhereEightAreExpectedIsAnErrorEvenWhenThePciBusShowsOnlySeven() {
        host.loadedModule(7).expecting(8, SERVE_FLAG);

        assertThat(count(a100s(7))).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.title()).isEqualTo("NVML sees 7 GPUs, but 8 are expected by " + SERVE_FLAG);
            assertThat(f.detail()).startsWith("Fewer GPUs are on the PCI bus than expected");
            assertThat(f.fix()).contains("journalctl -k -b -1").contains("has only 7 GPUs, correct " + SERVE_FLAG)
                    .doesNotContain("RmInitAdapter");
        });
    }

    @Test
    void theEvidenceNamesWhereTheExpectedCountWasGivenNextToNvmlAndThePciBus() {
        String file = "gpus.expected: 8 (config file /etc/gpu-doctor/config.yml)";
        host.loadedModule(7).expecting(8, file);

        assertThat(count(a100s(7))).singleElement().satisfies(f -> assertThat(f.evidence()).containsExactly(
                new Evidence("nvmlDeviceGetCount_v2", "7"),
                new Evidence(file, "8 GPU(s) expected"),
                new Evidence("/sys/bus/pci/devices",
                        "7 GPU(s) (class 0x0300/0x0302, vendor 0x10de) bound to the nvidia module")));
    }

    @Test
    void asManyGpusAsExpectedIsNotReported() {
        host.loadedModule(8).expecting(8, SERVE_FLAG);

        assertThat(count(a100s(8))).isEmpty();
    }

    @Test
    void moreGpusInNvmlThanExpectedIsNotThisFinding() {
        host.loadedModule(8).expecting(4, "--gpus.expected=4 (serve flag)");

        assertThat(count(a100s(8))).isEmpty();
    }

    @Test
    void aGpuOnTheBusButNotInNvmlIsStillReportedWhenFewerAreExpected() {
        host.loadedModule(2).expecting(1, "--gpus.expected=1 (serve flag)");

        assertThat(count(a100s(1))).singleElement()
                .satisfies(f -> assertThat(f.title()).isEqualTo("NVML sees 1 GPUs, but 2 NVIDIA GPUs are on the PCI bus"));
    }

    @Test
    void aGpuMissingFromNvmlWhereTheBusShowsItNamesBothExpectations() {
        host.loadedModule(8).expecting(8, SERVE_FLAG);

        assertThat(count(a100s(7))).singleElement().satisfies(f -> {
            assertThat(f.title()).isEqualTo("NVML sees 7 GPUs, but 8 are expected by " + SERVE_FLAG
                    + " and 8 NVIDIA GPUs are on the PCI bus");
            assertThat(f.fix()).contains("RmInitAdapter failed");
        });
    }

    @Test
    void aGpuOnTheBusButNotInNvmlAndAnotherOffTheBusAreBothExplained() {
        host.loadedModule(7).expecting(8, SERVE_FLAG);

        assertThat(count(a100s(6))).singleElement().satisfies(f -> {
            assertThat(f.title()).isEqualTo("NVML sees 6 GPUs, but 8 are expected by " + SERVE_FLAG
                    + " and 7 NVIDIA GPUs are on the PCI bus");
            assertThat(f.detail()).contains("failed to initialise").contains("fewer GPUs are on the PCI bus");
            assertThat(f.fix()).contains("RmInitAdapter failed").contains("journalctl -k -b -1");
        });
    }

    @Test
    void withoutAReadablePciBusTheExpectedCountIsStillJudgedAndTheBusSaidUnread() {
        host.expecting(8, SERVE_FLAG);

        assertThat(count(a100s(7))).singleElement().satisfies(f -> {
            assertThat(f.evidence()).contains(new Evidence("/sys/bus/pci/devices",
                    "not readable: the GPUs on the PCI bus are not counted"));
            assertThat(f.detail()).contains("could not be read");
        });
    }

    @Test
    void whenNvmlCannotCountNothingIsSaidAboutTheCountAndTheDiagnosisIsNotOk() {
        host.loadedModule(7).expecting(8, SERVE_FLAG);
        GpuInventory nvmlDown = DriverHost.simulated(Scenario.builder("t").driver("535.161.07", 12020)
                .nvmlInitError(NvmlReturn.ERROR_LIB_RM_VERSION_MISMATCH).gpus(GpuModel.A100_SXM4_80GB, 7).build());

        List<Finding> all = host.diagnose(nvmlDown);

        assertThat(all).noneMatch(f -> f.code() == FindingCode.GPU_COUNT_BELOW_EXPECTED);
        assertThat(all).anyMatch(f -> f.severity() == Severity.ERROR);
    }
}
