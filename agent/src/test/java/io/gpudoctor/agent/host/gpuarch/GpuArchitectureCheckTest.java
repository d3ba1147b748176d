package io.gpudoctor.agent.host.gpuarch;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Scope;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.host.cdi.SimulatedInventory;
import io.gpudoctor.simulate.GpuModel;
import io.gpudoctor.simulate.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

class GpuArchitectureCheckTest {

    private final GpuArchitectureCheck check = new GpuArchitectureCheck();

    @Test
    void gpusTheDriverBranchSupportsYieldNothing() {
        assertThat(check.evaluate(host("535.161.07", GpuModel.H100_SXM5_80GB, GpuModel.A100_SXM4_80GB))).isEmpty();
    }

    @Test
    void aVoltaOnABranchAfterR580IsReportedOnTheHostWithEachSuchGpu() {
        List<Finding> findings = check.evaluate(host("590.44.01", GpuModel.V100_SXM2_32GB, GpuModel.V100_SXM2_32GB,
                GpuModel.H100_SXM5_80GB));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.GPU_ARCH_UNSUPPORTED_BY_DRIVER);
            assertThat(f.scope()).isEqualTo(Scope.HOST);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.title()).contains("R590").contains("Volta");
            assertThat(f.evidence()).filteredOn(e -> e.observed().contains("compute capability 7.0")).hasSize(2);
            assertThat(f.evidence()).anySatisfy(e -> assertThat(e.source())
                    .isEqualTo("https://docs.nvidia.com/datacenter/tesla/drivers/cuda-toolkit-driver-and-architecture-matrix.html"));
            assertThat(f.fix()).contains("R580 or older");
        });
    }

    @Test
    void aKeplerOnR535IsReported() {
        assertThat(check.evaluate(host("535.161.07", GpuModel.K80))).extracting(Finding::code)
                .containsExactly(FindingCode.GPU_ARCH_UNSUPPORTED_BY_DRIVER);
    }

    @Test
    void aHopperOnABranchOlderThanItIsReported() {
        assertThat(check.evaluate(host("515.65.01", GpuModel.H100_SXM5_80GB))).singleElement()
                .satisfies(f -> assertThat(f.title()).contains("predates Hopper"));
    }

    @Test
    void withoutAnInventoryTheCheckHasNothingToJudge() {
        assertThat(check.evaluate(HostFacts.builder().build())).isEmpty();
    }

    private static HostFacts host(String driver, GpuModel... models) {
        Scenario.Builder scenario = Scenario.builder("t").driver(driver, 12020);
        for (GpuModel model : models) {
            scenario.gpu(model, g -> g);
        }
        return HostFacts.builder().put(GpuInventory.class, SimulatedInventory.of(scenario.build())).build();
    }
}
