package io.gpudoctor.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpudoctor.agent.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CompatCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 1];
        full[0] = "compat";
        System.arraycopy(args, 0, full, 1, args.length);
        return cli.execute(full);
    }

    @Test
    void aCompatibleAnswerExitsZeroAndSaysWhereTheNumberComesFrom() {
        int status = run("--driver", "570.124.06", "--cuda", "12.8.1", "--gpu", "H100");

        assertThat(status).isZero();
        assertThat(out.toString())
                .contains("Verdict: COMPATIBLE [info]")
                .contains("needs driver >= 570.124.06")
                .contains("https://docs.nvidia.com/cuda/archive/13.2.2/cuda-toolkit-release-notes/index.html");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aMinorVersionAnswerExitsOneWithTheCodeTheFixAndTheSources() {
        int status = run("--driver", "535.161.07", "--cuda", "12.8");

        assertThat(status).isEqualTo(1);
        assertThat(out.toString())
                .contains("Verdict: COMPATIBLE_MINOR_VERSION [warn] CUDA_MINOR_VERSION_COMPAT")
                .contains("Fix: Upgrade the host driver to >= 570.26")
                .contains("https://docs.nvidia.com/deploy/cuda-compatibility/minor-version-compatibility.html");
    }

    @Test
    void aFullyCompatibleDataCenterGpuExitsZero() {
        assertThat(run("--driver", "580.65.06", "--cuda", "13.0", "--gpu", "NVIDIA H100 80GB HBM3")).isZero();
        assertThat(out.toString()).contains("Verdict: COMPATIBLE [info]").contains("no known support problem");
    }

    @Test
    void forwardCompatibilityOnAnEndedBranchExitsOneAndSaysSo() {
        // Every branch forward compatibility lists below R580 (R535, R570) is past its end of life since June 2026.
        assertThat(run("--driver", "535.161.07", "--cuda", "13.0", "--gpu", "NVIDIA H100 80GB HBM3")).isEqualTo(1);
        assertThat(out.toString()).contains("CUDA_FORWARD_COMPAT").contains("cuda-compat-13-0")
                .contains("past its end of life");
    }

    @Test
    void aCudaMinorNewerThanTheTableIsAnsweredNotRefused() {
        assertThat(run("--driver", "580.65.06", "--cuda", "13.5")).isEqualTo(1);
        assertThat(out.toString()).contains("CUDA_MINOR_VERSION_COMPAT").contains("This table predates CUDA 13.5");
    }

    @Test
    void aNewBlackwellGpuOnAnOlderDriverBranchExitsOne() {
        assertThat(run("--driver", "535.104.05", "--cuda", "12.8", "--gpu", "B200")).isEqualTo(1);
        assertThat(out.toString()).contains("GPU_ARCH_UNSUPPORTED_BY_DRIVER").doesNotContain("no known support problem");
    }

    @Test
    void aComputeCapabilityAloneRunsTheArchitectureChecks() {
        int status = run("--driver", "525.60.13", "--cuda", "12.0", "--compute-capability", "3.7");

        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).contains("GPU_ARCH_UNSUPPORTED_BY_CUDA").contains("GPU_ARCH_UNSUPPORTED_BY_DRIVER");
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        int status = run("--driver", "535.161.07", "--cuda", "13.0", "--gpu", "RTX 4090", "--format", "json");

        JsonNode json = Json.mapper().readTree(out.toString());
        assertThat(status).isEqualTo(1);
        assertThat(json.path("schema").asText()).isEqualTo("gpu-doctor/compat/v1");
        assertThat(json.path("query").path("driver").asText()).isEqualTo("535.161.07");
        assertThat(json.path("query").path("toolkitRelease").asText()).isEqualTo("13.0 GA");
        assertThat(json.path("query").path("gpu").path("computeCapability").asText()).isEqualTo("8.9");
        assertThat(json.path("query").path("gpu").path("class").asText()).isEqualTo("geforce");
        assertThat(json.path("verdict").asText()).isEqualTo("INCOMPATIBLE");
        assertThat(json.path("severity").asText()).isEqualTo("error");
        assertThat(json.path("answer").path("findingCode").asText()).isEqualTo("CUDA_FORWARD_COMPAT_UNSUPPORTED");
        assertThat(json.path("answer").path("sources").get(0).path("url").asText()).startsWith("https://");
        assertThat(json.path("findings").get(0).path("code").asText()).isEqualTo("CUDA_FORWARD_COMPAT_UNSUPPORTED");
    }

    @Test
    void aFullyCompatibleAnswerHasANullFindingCodeInJson() throws Exception {
        run("--driver", "580.95.05", "--cuda", "12.8", "--format", "json");

        JsonNode json = Json.mapper().readTree(out.toString());
        assertThat(json.path("answer").path("findingCode").isNull()).isTrue();
        assertThat(json.path("query").path("gpu").isNull()).isTrue();
        assertThat(json.path("findings")).isEmpty();
    }

    @Test
    void aBadDriverVersionExitsTwoWithOneLineAndNoStackTrace() {
        assertThat(run("--driver", "latest", "--cuda", "12.8")).isEqualTo(2);
        assertOneLineError("not a driver version");
    }

    @Test
    void aBadCudaVersionExitsTwo() {
        assertThat(run("--driver", "535.161.07", "--cuda", "cu128")).isEqualTo(2);
        assertOneLineError("not a CUDA version");
    }

    @Test
    void aCudaReleaseThatNeverExistedExitsTwo() {
        assertThat(run("--driver", "535.161.07", "--cuda", "12.7")).isEqualTo(2);
        assertOneLineError("no CUDA 12.7");
    }

    @Test
    void anUnknownGpuModelExitsTwoListingKnownOnes() {
        assertThat(run("--driver", "535.161.07", "--cuda", "12.8", "--gpu", "Radeon")).isEqualTo(2);
        assertOneLineError("unknown GPU model 'Radeon' (known: B300");
        assertThat(err.toString()).contains("H100").contains("--compute-capability");
    }

    @Test
    void aBadComputeCapabilityExitsTwo() {
        assertThat(run("--driver", "535.161.07", "--cuda", "12.8", "--compute-capability", "nine")).isEqualTo(2);
        assertOneLineError("not a compute capability");
    }

    @Test
    void gpuAndComputeCapabilityExcludeEachOther() {
        assertThat(run("--driver", "535.161.07", "--cuda", "12.8", "--gpu", "H100", "--compute-capability", "9.0"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive");
    }

    private void assertOneLineError(String expected) {
        assertThat(err.toString().lines()).hasSize(1).first().asString()
                .startsWith("gpu-doctor compat: ")
                .contains(expected);
        assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void withoutDriverTheNodesRunningKernelModuleIsAskedAboutAndItsSourceNamed() throws Exception {
        int status = run("--cuda", "12.1", "--simulate", "driver-mismatch", "--format", "json");

        JsonNode json = Json.mapper().readTree(out.toString());
        assertThat(status).isZero();
        assertThat(json.path("query").path("driver").asText()).isEqualTo("535.161.07");
        assertThat(err.toString()).contains("535.161.07", "/sys/module/nvidia/version");
    }

    @Test
    void withoutDriverTheTextSaysWhichDriverOfTheNodeWasAskedAbout() {
        int status = run("--cuda", "12.4", "--simulate", "dgx-h100");

        assertThat(status).isZero();
        assertThat(out.toString()).startsWith("This node runs driver 550.90.07 (nvmlSystemGetDriverVersion).");
    }
}
