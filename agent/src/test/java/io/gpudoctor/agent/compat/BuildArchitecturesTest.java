package io.gpudoctor.agent.compat;

import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpudoctor.nvml.ComputeCapability;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildArchitecturesTest {

    private static final CudaCompatibility COMPAT = CudaCompatibility.shipped();
    private static final BuildArchitectures TORCH_CU126 =
            BuildArchitectures.parse("['sm_50', 'sm_60', 'sm_70', 'sm_75', 'sm_80', 'sm_86', 'sm_90']");

    @Test
    void torchArchListsAndTorchCudaArchListsBothParse() {
        assertThat(TORCH_CU126.targets()).hasSize(7);
        assertThat(BuildArchitectures.parse("7.5;8.0;12.0+PTX"))
                .hasToString("sm_75 sm_80 sm_120 compute_120");
    }

    @Test
    void sassRunsOnLaterMinorsOfItsMajor() {
        assertThat(TORCH_CU126.runsOn(ComputeCapability.parse("8.9"))).as("RTX 4090 runs sm_86").isTrue();
    }

    @Test
    void archSpecificSassRunsOnlyOnItsOwnArchitecture() {
        BuildArchitectures build = BuildArchitectures.parse("sm_90a");

        assertThat(build.runsOn(ComputeCapability.parse("9.0"))).isTrue();
        assertThat(build.runsOn(ComputeCapability.parse("10.0"))).isFalse();
    }

    @Test
    void ptxIsJitCompiledForNewerArchitectures() {
        assertThat(BuildArchitectures.parse("sm_80 compute_80").runsOn(ComputeCapability.parse("12.0"))).isTrue();
    }

    @Test
    void aBlackwellGpuWithAHopperOnlyBuildIsNotInTheBuild() {
        Optional<CompatFinding> finding = COMPAT.buildFinding(TORCH_CU126, ComputeCapability.parse("12.0"));

        assertThat(finding).hasValueSatisfying(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.GPU_ARCH_NOT_IN_BUILD);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.detail()).contains("no kernel image is available");
            assertThat(f.fix()).contains("sm_120").contains("cu128")
                    .contains("pip install torch --index-url https://download.pytorch.org/whl/cu128");
        });
    }

    @Test
    void aMaxwellGpuWithACu128BuildIsPointedAtCu126() {
        Optional<CompatFinding> finding = COMPAT.buildFinding(BuildArchitectures.parse("7.5;8.0;8.6;9.0;10.0;12.0"),
                ComputeCapability.parse("5.2"));

        assertThat(finding).hasValueSatisfying(f -> assertThat(f.fix()).contains("whl/cu126"));
    }

    @Test
    void aGpuTheBuildCoversHasNoFinding() {
        assertThat(COMPAT.buildFinding(TORCH_CU126, ComputeCapability.parse("9.0"))).isEmpty();
    }

    @Test
    void garbageEntriesAreRejected() {
        assertThatThrownBy(() -> BuildArchitectures.parse("sm_90 banana"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("banana");
        assertThatThrownBy(() -> BuildArchitectures.parse(" ; ")).isInstanceOf(IllegalArgumentException.class);
    }
}
