package io.gpudoctor.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpudoctor.agent.json.Json;
import io.gpudoctor.testing.NativeFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpusCommandTest {

    @TempDir
    Path emptyRoot;

    @Test
    void aHostWithoutDriverSaysSoPlainlyAndExitsOne() {
        CliRun run = CliRun.of("gpus", "--details", "--path.rootfs", emptyRoot.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("No NVIDIA driver is installed here")
                .contains("NVML            LIBRARY_NOT_LOADED")
                .contains("GPUs            none visible");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aSimulatedNodeNamesTheRootItsFilesAreReadUnder() throws Exception {
        CliRun run = CliRun.of("gpus", "--simulate", "dgx-h100", "--format", "json");

        String rootfs = Json.mapper().readTree(run.out()).at("/rootfs").asText();
        assertThat(rootfs).isNotEqualTo("/").contains("gpu-doctor-root-");
        assertThat(Path.of(rootfs).resolve("proc")).isDirectory();
    }

    @Test
    void nvidiasRealLibrariesWithoutAKernelModuleReportDriverNotLoadedWithTheirVersions() throws Exception {
        CliRun run = CliRun.of("gpus", "--format", "json", "--path.rootfs", NativeFixtures.nvidiaRoot535().toString());

        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(json.at("/nvml/status").asText()).isEqualTo("NVML_ERROR_DRIVER_NOT_LOADED");
        assertThat(json.at("/nvml/nvmlVersion").asText()).isEqualTo("12.535.309.01");
        assertThat(json.at("/libraries/nvml/chosen/version").asText()).isEqualTo("535.309.01");
        assertThat(json.at("/libraries/cuda/chosen/path").asText())
                .isEqualTo("/usr/lib/x86_64-linux-gnu/nvidia/current/libcuda.so.1");
        assertThat(json.at("/cuda/driverVersion").asText()).isEqualTo("12.2");
        assertThat(json.at("/cuda/initResult").asText()).isEqualTo("CUDA_ERROR_NO_DEVICE");
        assertThat(json.at("/verdict").asText()).contains("535.309.01").contains("NVML cannot start");
    }

    @Test
    void theTesla470LibrariesReportCuda114() throws Exception {
        CliRun run = CliRun.of("gpus", "--format", "json", "--path.rootfs", NativeFixtures.nvidiaRoot470().toString());

        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(json.at("/libraries/nvml/chosen/version").asText()).isEqualTo("470.256.02");
        assertThat(json.at("/cuda/driverVersion").asText()).isEqualTo("11.4");
        assertThat(json.at("/nvml/status").asText()).isEqualTo("NVML_ERROR_DRIVER_NOT_LOADED");
    }

    @Test
    void explicitLibrariesAreLoadedAndEveryGpuIsShown() throws Exception {
        CliRun run = CliRun.of("gpus", "--format", "json",
                "--nvml.library", NativeFixtures.fakeNvml().toString(),
                "--cuda.library", NativeFixtures.fakeCuda().toString());

        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(run.exitCode()).isZero();
        assertThat(json.at("/libraries/nvml/requested").asText()).isEqualTo(NativeFixtures.fakeNvml().toString());
        assertThat(json.at("/gpus/0/name").asText()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(json.at("/gpus/1/name").asText()).isEqualTo("NVIDIA GeForce RTX 4090");
        assertThat(json.at("/cuda/driverVersion").asText()).isEqualTo("12.4");
        assertThat(json.at("/cuda/initResult").asText()).isEqualTo("CUDA_SUCCESS");
    }

    @Test
    void noneLoadsNoLibrary() {
        CliRun run = CliRun.of("gpus", "--details", "--nvml.library", "none", "--cuda.library", "none");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("NVML was not loaded (--nvml.library none)")
                .contains("NVML library    not loaded (none requested)");
    }

    @Test
    void anExplicitLibraryThatIsMissingIsReportedNotThrown() {
        CliRun run = CliRun.of("gpus", "--details", "--nvml.library", emptyRoot.resolve("libnvidia-ml.so.1").toString(),
                "--cuda.library", "none");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("LIBRARY_NOT_LOADED");
    }

    @Test
    void aFileThatIsNoLibraryIsReportedAsNotLoadable() throws Exception {
        Path bogus = java.nio.file.Files.writeString(emptyRoot.resolve("libnvidia-ml.so.1"), "not an ELF file");

        CliRun run = CliRun.of("gpus", "--nvml.library", bogus.toString(), "--cuda.library", "none");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("libnvidia-ml.so.1 was found but does not load: not loadable");
    }

    @Test
    void aSimulatedNodeShowsAllItsGpusAsJson() throws Exception {
        CliRun run = CliRun.of("gpus", "--simulate", "dgx-h100", "--format", "json");

        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(run.exitCode()).isZero();
        assertThat(json.at("/schema").asText()).isEqualTo("gpu-doctor/gpus/v1");
        assertThat(json.at("/source").asText()).isEqualTo("simulated:dgx-h100");
        assertThat(json.at("/gpus")).hasSize(8);
        assertThat(json.at("/gpus/7/name").asText()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(json.at("/gpus/0/memory/totalBytes").asLong()).isPositive();
    }

    @Test
    void aLostGpuIsNamedAndTheOthersAreStillShown() {
        CliRun run = CliRun.of("gpus", "--details", "--simulate", "broken-node");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("failing calls on GPU 2: NVML_ERROR_GPU_IS_LOST")
                .contains("GPU 3  NVIDIA A100-SXM4-80GB")
                .contains("! uuid: NVML_ERROR_GPU_IS_LOST");
    }

    @Test
    void anUnknownScenarioIsAUsageErrorOnOneLine() {
        CliRun run = CliRun.of("gpus", "--simulate", "no-such-scenario");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString().startsWith("gpu-doctor gpus: ");
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        CliRun run = CliRun.of("gpus", "--format", "yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--format").contains("Try 'gpu-doctor gpus --help'");
    }
    @Test
    void aSimulatedDgxShowsThePodOfEveryProcessAndEachContainersMemoryPerGpu() throws Exception {
        CliRun run = CliRun.of("gpus", "--format", "json", "--simulate", "dgx-h100");

        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(run.exitCode()).isZero();
        JsonNode first = json.at("/gpus/0/processes/0");
        assertThat(first.at("/pid").asLong()).isEqualTo(48211);
        assertThat(first.at("/kind").asText()).isEqualTo("compute");
        assertThat(first.at("/usedMemoryBytes").asLong()).isEqualTo(71234L * 1024 * 1024);
        assertThat(first.at("/processName").asText()).isEqualTo("python3");
        assertThat(first.at("/container/name").asText()).isEqualTo("trainer");
        assertThat(first.at("/container/pod").asText()).isEqualTo("llama-pretrain-0");
        assertThat(first.at("/container/namespace").asText()).isEqualTo("training");
        assertThat(first.at("/container/runtime").asText()).isEqualTo("containerd");
        assertThat(json.at("/gpus/6/processes/0/container/name").asText()).isEqualTo("triton");
        JsonNode containers = json.at("/containers");
        assertThat(containers).hasSize(8);
        assertThat(containers.get(6).at("/gpu").asInt()).isEqualTo(6);
        assertThat(containers.get(6).at("/container/pod").asText()).isEqualTo("triton-7c9d5f-x2k4q");
        assertThat(containers.get(6).at("/usedMemoryBytes").asLong()).isEqualTo(22528L * 1024 * 1024);
        assertThat(containers.get(6).at("/processesWithUnknownMemory").asInt()).isZero();
        assertThat(containers.get(0).at("/uuid").asText()).isEqualTo(json.at("/gpus/0/uuid").asText());
        assertThat(json.at("/gpus/7/processes/0/gpuInstanceId").asInt()).isEqualTo(1);
        assertThat(containers.get(7).at("/container/pod").asText()).isEqualTo("embedder-5f8b6d-q7r2m");
    }

    @Test
    void aSimulatedWorkstationShowsHostProcessesWithoutAContainerAndADockerOneByName() throws Exception {
        CliRun run = CliRun.of("gpus", "--format", "json", "--simulate", "workstation-rtx4090");

        JsonNode processes = Json.mapper().readTree(run.out()).at("/gpus/0/processes");
        assertThat(processes).extracting(p -> p.at("/processName").asText())
                .containsExactly("python3", "Xorg", "gnome-shell");
        assertThat(processes.get(0).at("/container/name").asText()).isEqualTo("comfyui");
        assertThat(processes.get(0).at("/container/runtime").asText()).isEqualTo("docker");
        assertThat(processes.get(1).get("container").isNull()).isTrue();
        assertThat(processes.get(2).get("container").isNull()).isTrue();
    }

    @Test
    void theTextShowsEachProcesssContainerAndAContainersSection() {
        CliRun run = CliRun.of("gpus", "--details", "--simulate", "dgx-h100");

        assertThat(run.out())
                .contains("pid 51002 tritonserver (compute) 22528 MiB  in serving/triton-7c9d5f-x2k4q/triton"
                        + " [containerd f4bd3123901c]")
                .contains("Containers using GPUs")
                .contains("GPU 0   training/llama-pretrain-0/trainer [containerd c46a6bcec4bc]  71234 MiB");
    }

    @Test
    void aHostWithoutContainersHasNoContainersSection() {
        CliRun run = CliRun.of("gpus", "--path.rootfs", emptyRoot.toString());

        assertThat(run.out()).doesNotContain("Containers using GPUs");
    }

    @Test
    void byDefaultEachGpuIsOneLineWithItsMemoryUtilisationTemperaturePowerAndProcesses() {
        CliRun run = CliRun.of("gpus", "--simulate", "dgx-h100");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().filter(l -> l.matches("\\d+ .*"))).hasSize(8);
        assertThat(run.out()).contains("0    NVIDIA H100 80GB HBM3      GPU-fa211057   71234/81559 MiB   97%   70°C"
                + "       477/700 W     1");
    }

    @Test
    void aGpuInMigModeSaysMigWhereItHasNoUtilisationOfItsOwn() {
        assertThat(CliRun.of("gpus", "--simulate", "dgx-h100").out())
                .containsPattern("\n7 +NVIDIA H100 80GB HBM3 +GPU-17101b56 +9216/81559 MiB +MIG ");
    }

    @Test
    void aLostGpuIsStillALineWithItsKnownNameAndDashesForWhatCouldNotBeRead() {
        assertThat(CliRun.of("gpus", "--simulate", "broken-node").out())
                .containsPattern("\n2 +NVIDIA A100-SXM4-80GB +GPU-0a28bdf3 +- +- +- +-/- W +0\n");
    }
}
