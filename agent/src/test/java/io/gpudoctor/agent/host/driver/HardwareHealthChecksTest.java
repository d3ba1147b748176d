package io.gpudoctor.agent.host.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.nvml.RemappedRows;
import io.gpudoctor.simulate.GpuModel;
import io.gpudoctor.simulate.NvLink;
import io.gpudoctor.simulate.NvLinkErrors;
import io.gpudoctor.simulate.PcieLink;
import io.gpudoctor.simulate.RetiredPages;
import io.gpudoctor.simulate.Scenario;
import io.gpudoctor.simulate.SimulatedGpu;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks of NVLink, PCIe link, GPU count, NVSwitch and pending-reset health, on simulated GPUs. */
class HardwareHealthChecksTest {

    private static final String NVSWITCH = "0x068000";

    @TempDir
    Path root;

    private DriverHost host;

    @BeforeEach
    void newHost() {
        host = new DriverHost(root);
    }

    private static GpuInventory a100(UnaryOperator<SimulatedGpu.Builder> gpu) {
        return DriverHost.simulated(Scenario.builder("t").driver("535.161.07", 12020)
                .gpu(GpuModel.A100_SXM4_80GB, g -> gpu.apply(g.persistenceMode(true))).build());
    }

    private static List<NvLink> a100LinksDown(int... down) {
        List<NvLink> links = new ArrayList<>(Collections.nCopies(12, NvLink.UP));
        for (int link : down) {
            links.set(link, NvLink.DOWN);
        }
        return links;
    }

    private List<Finding> findings(FindingCode code, GpuInventory inventory) {
        return host.diagnose(inventory).stream().filter(f -> f.code() == code).toList();
    }

    @Test
    void oneLinkDownWhileTheOthersAreUpIsNvlinkDownNamingTheLink() {
        List<Finding> found = findings(FindingCode.NVLINK_DOWN,
                a100(g -> g.nvlinks(a100LinksDown(3))));

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.title()).contains("1 of 12");
            assertThat(f.evidence()).anySatisfy(e -> assertThat(e.observed()).isEqualTo("inactive links: 3"));
        });
    }

    @Test
    void everyLinkDownWithoutNvswitchesIsACardWithoutBridgesAndNotReported() {
        host.loadedModule(1);

        assertThat(findings(FindingCode.NVLINK_DOWN, a100(g -> g.nvlinks(a100LinksDown(0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
                10, 11))))).isEmpty();
    }

    @Test
    void everyLinkDownOnAnNvswitchSystemIsNvlinkDown() {
        host.loadedModule(1).pci("0000:c4:00.0", NVSWITCH);

        assertThat(findings(FindingCode.NVLINK_DOWN, a100(g -> g.nvlinks(a100LinksDown(0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
                10, 11))))).hasSize(1);
    }

    @Test
    void healthyLinksAreNotReported() {
        host.loadedModule(1).pci("0000:c4:00.0", NVSWITCH);

        List<Finding> all = host.diagnose(a100(g -> g.utilization(90, 40)));

        assertThat(all).noneMatch(f -> f.code() == FindingCode.NVLINK_DOWN || f.code() == FindingCode.NVLINK_ERRORS
                || f.code() == FindingCode.PCIE_LINK_DEGRADED);
    }

    @Test
    void nvlinkRecoveryErrorsAreAWarningWithEveryCounter() {
        List<Finding> found = findings(FindingCode.NVLINK_ERRORS,
                a100(g -> g.nvlinkErrors(new NvLinkErrors(17, 2, 40, 3))));

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.evidence()).anySatisfy(e -> assertThat(e.observed())
                    .isEqualTo("recovery 3, replay 40, CRC flit 17, CRC data 2"));
        });
    }

    @Test
    void crcAndReplayErrorsWithoutRecoveryAreLeftToTheirRate() {
        assertThat(findings(FindingCode.NVLINK_ERRORS, a100(g -> g.nvlinkErrors(new NvLinkErrors(900, 5, 70, 0)))))
                .isEmpty();
    }

    @Test
    void aLinkWithFewerLanesThanItsSlotIsDegradedEvenWhenIdle() {
        List<Finding> found = findings(FindingCode.PCIE_LINK_DEGRADED,
                a100(g -> g.pcieLink(new PcieLink(1, 4, 8, 16, 0))));

        assertThat(found).singleElement().satisfies(f -> assertThat(f.title()).contains("x8 instead of x16"));
    }

    @Test
    void anIdleGpuAtALowerGenerationIsSavingPowerAndNotReported() {
        assertThat(findings(FindingCode.PCIE_LINK_DEGRADED, a100(g -> g.pcieLink(new PcieLink(1, 4, 16, 16, 0)))))
                .isEmpty();
    }

    @Test
    void aBusyGpuBelowItsMaximumGenerationIsDegraded() {
        List<Finding> found = findings(FindingCode.PCIE_LINK_DEGRADED,
                a100(g -> g.utilization(95, 50).pcieLink(new PcieLink(3, 4, 16, 16, 0))));

        assertThat(found).singleElement().satisfies(f -> assertThat(f.title()).contains("gen 3 instead of gen 4"));
    }

    @Test
    void aGpuOnTheBusAndInTheModuleButNotInNvmlIsGpuCountBelowExpected() {
        host.loadedModule(2);

        List<Finding> found = findings(FindingCode.GPU_COUNT_BELOW_EXPECTED, a100(g -> g));

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.title()).contains("NVML sees 1 GPUs, but 2");
        });
    }

    @Test
    void aGpuTheModuleDoesNotDriveIsNotExpectedInNvml() {
        // A third GPU on the bus, bound to vfio-pci for a VM: the module's list does not have it.
        host.loadedModule(1).pci("0000:9a:00.0", "0x030200");

        assertThat(findings(FindingCode.GPU_COUNT_BELOW_EXPECTED, a100(g -> g))).isEmpty();
    }

    @Test
    void asManyGpusInNvmlAsOnTheBusIsNotReported() {
        host.loadedModule(1);

        assertThat(findings(FindingCode.GPU_COUNT_BELOW_EXPECTED, a100(g -> g))).isEmpty();
    }

    @Test
    void aFatalSxidIsAnErrorCountedOncePerReportNotPerLine() {
        host.loadedModule(1).kernelLog("""
                4,5401,2750061377,-;nvidia-nvswitch1: SXid (PCI:0000:c5:00.0): 20034, Fatal, Link 30 LTSSM Fault Up
                4,5402,2750061379,-;nvidia-nvswitch1: SXid (PCI:0000:c5:00.0): 20034, Severity 1 Engine instance 30 Sub-engine instance 00
                4,5403,2750061380,-;nvidia-nvswitch1: SXid (PCI:0000:c5:00.0): 20034, Data {0x10000000, 0x10000000}
                """);

        List<Finding> found = findings(FindingCode.NVSWITCH_SXID, a100(g -> g));

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.title()).contains("SXid 20034").contains("nvidia-nvswitch1").contains("1 time");
        });
    }

    @Test
    void aNonFatalSxidIsAWarning() {
        host.loadedModule(1).kernelLog("[38889.018130] nvidia-nvswitch0: SXid (PCI:0000:06:00.0): 20009, Non-fatal,"
                + " Link 04 RX Short Error Rate\n");

        assertThat(findings(FindingCode.NVSWITCH_SXID, a100(g -> g)))
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARN));
    }

    @Test
    void aPagePendingRetirementOnAV100IsGpuResetRequired() {
        GpuInventory inventory = DriverHost.simulated(Scenario.builder("t").gpu(GpuModel.V100_SXM2_32GB,
                g -> g.persistenceMode(true).retiredPages(new RetiredPages(2, 1, true))).build());

        List<Finding> found = findings(FindingCode.GPU_RESET_REQUIRED, inventory);

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.title()).contains("retire a bad memory page");
            assertThat(f.fix()).contains("nvidia-smi -r -i 0");
        });
    }

    @Test
    void aFailedRemapNeedsReplacingNotAReset() {
        assertThat(findings(FindingCode.GPU_RESET_REQUIRED, a100(g -> g.remappedRows(
                new RemappedRows(0, 8, true, true))))).isEmpty();
    }
}
