package io.gpudoctor.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpudoctor.agent.container.facts.ElfFixture;
import io.gpudoctor.agent.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code gpu-doctor diagnose --simulate DIR --container REF} on a node written by {@link ContainerNode}:
 * one situation per container finding, each runtime layout, and the CUDA compatibility scenarios,
 * through the whole command (resolution, facts through the safe reader, checks, JSON).
 */
class ContainerDiagnoseEndToEndTest {

    private static final String FORWARD_NOTE = "{\"CUDA version\":\"13.0\",\"driver\":[535,550,570,575],\"device\":[]}";

    @TempDir
    Path dir;

    /** One situation: what breaks the healthy container, and the finding that must say so. */
    @FunctionalInterface
    interface Situation {
        void apply(ContainerNode node) throws Exception;
    }

    private static List<JsonNode> containerFindings(CliRun run) throws Exception {
        assertThat(run.err()).isEmpty();
        List<JsonNode> findings = new ArrayList<>();
        Json.mapper().readTree(run.out()).at("/findings").forEach(f -> {
            if (f.at("/scope").asText().equals("container")) {
                findings.add(f);
            }
        });
        return findings;
    }

    private static JsonNode finding(CliRun run, String code) throws Exception {
        return containerFindings(run).stream().filter(f -> f.at("/code").asText().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError(code + " not among " + run.out()));
    }

    @Test
    void aHealthyGpuContainerHasNoContainerFinding() throws Exception {
        CliRun run = new ContainerNode(dir).diagnose("trainer");

        assertThat(containerFindings(run)).isEmpty();
        assertThat(Json.mapper().readTree(run.out()).at("/container/cuda/required").asText()).isEqualTo("12.1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("situations")
    void eachBrokenSituationIsDiagnosedWithItsCodeSeverityEvidenceAndFix(String code, String severity, String fix,
                                                                         Situation situation) throws Exception {
        ContainerNode node = new ContainerNode(dir);
        situation.apply(node);

        JsonNode finding = finding(node.diagnose("trainer"), code);

        assertThat(finding.at("/severity").asText()).isEqualTo(severity);
        assertThat(finding.at("/evidence")).isNotEmpty();
        assertThat(finding.at("/fix").asText()).contains(fix);
    }

    static Stream<Arguments> situations() {
        return Stream.of(
                situation("CONTAINER_NO_GPU_INJECTED", "error", "--gpus all", node -> {
                    node.runtimeHook = false;
                    node.bundleDevices.clear();
                    node.mountedLibraries.clear();
                    node.mappedLibraries.clear();
                    for (String dev : List.of("nvidia0", "nvidiactl", "nvidia-uvm", "nvidia-uvm-tools")) {
                        node.delete("dev/" + dev);
                    }
                }),
                situation("CONTAINER_VISIBLE_DEVICES_DISABLED", "error", "NVIDIA_VISIBLE_DEVICES=all",
                        node -> node.env("NVIDIA_VISIBLE_DEVICES", "void")),
                situation("CONTAINER_VISIBLE_DEVICES_DISABLED", "error", "--gpus all", node -> {
                    node.withoutEnv("NVIDIA_VISIBLE_DEVICES");
                    node.bundleDevices.clear();
                    for (String dev : List.of("nvidia0", "nvidiactl", "nvidia-uvm", "nvidia-uvm-tools")) {
                        node.delete("dev/" + dev);
                    }
                }),
                situation("CONTAINER_VISIBLE_DEVICES_UNKNOWN", "error", "nvidia-smi -L",
                        node -> node.env("NVIDIA_VISIBLE_DEVICES", "3")),
                situation("CONTAINER_CUDA_VISIBLE_DEVICES_HIDES_ALL", "error", "Unset CUDA_VISIBLE_DEVICES",
                        node -> node.env("CUDA_VISIBLE_DEVICES", "-1")),
                situation("CONTAINER_DRIVER_CAPABILITIES_MISSING", "error", "NVIDIA_DRIVER_CAPABILITIES=compute,utility",
                        node -> node.env("NVIDIA_DRIVER_CAPABILITIES", "utility")),
                situation("CONTAINER_REQUIRE_CUDA_UNSATISFIED", "error", "NVIDIA_DISABLE_REQUIRE=true",
                        node -> node.env("NVIDIA_REQUIRE_CUDA", "cuda>=12.8")),
                situation("CONTAINER_STUB_LIBCUDA", "error", "stubs", node -> {
                    node.mappedLibraries.clear();
                    node.mappedLibraries.add("/usr/local/cuda/lib64/stubs/libcuda.so");
                }),
                situation("CONTAINER_BUNDLED_DRIVER_LIBS", "error", "rm -f",
                        node -> node.file("usr/lib/x86_64-linux-gnu/libcuda.so.535.104.05", "")),
                situation("CONTAINER_CPU_ONLY_FRAMEWORK", "error", "pip install torch",
                        node -> node.torch("2.4.0+cpu", "None")),
                situation("CONTAINER_DEVICE_NODES_MISSING", "error", "nvidia-modprobe",
                        node -> node.delete("dev/nvidia-uvm")),
                situation("CONTAINER_LIBCUDA_MISSING", "error", "--gpus all", node -> {
                    node.mountedLibraries.clear();
                    node.mappedLibraries.clear();
                }),
                situation("CONTAINER_MUSL_LIBC", "error", "glibc", node -> {
                    node.delete("lib64/ld-linux-x86-64.so.2");
                    node.file("lib/ld-musl-x86_64.so.1", "");
                }),
                situation("CONTAINER_SHM_TOO_SMALL", "warn", "--shm-size=", node -> node.shmSize = "65536k"),
                situation("CONTAINER_MEMLOCK_LIMITED", "warn", "--ulimit memlock=-1:-1",
                        node -> node.lockedMemory = "8388608              8388608"),
                situation("GPU_SHARED_BY_CONTAINERS", "warn", "--gpus '\"device=1\"'",
                        node -> node.neighbourOnGpu0 = true),
                situation("CUDA_DRIVER_TOO_OLD", "error", "Upgrade", node -> {
                    node.driver = "470.256.02";
                    node.cudaDriver = "11.4";
                }),
                situation("CUDA_MINOR_VERSION_COMPAT", "warn", "PTX", node -> {
                    node.driver = "535.161.07";
                    node.cudaDriver = "12.2";
                    node.withoutEnv("NVIDIA_REQUIRE_CUDA").env("CUDA_VERSION", "12.4.1").torch("2.5.1+cu124", "'12.4'");
                }),
                situation("CUDA_FORWARD_COMPAT", "info", "natively", node -> forwardCompat(node, "H100")),
                situation("CUDA_FORWARD_COMPAT_UNSUPPORTED", "error", "cuda-compat-mode", node -> forwardCompat(node,
                        "RTX4090")));
    }

    /** A CUDA 13.0 image shipping cuda-compat-13-0 on its library path, on an R570 host. */
    private static void forwardCompat(ContainerNode node, String gpu) throws Exception {
        node.driver = "570.124.06";
        node.cudaDriver = "12.8";
        node.gpuModel = gpu;
        node.withoutEnv("NVIDIA_REQUIRE_CUDA").env("CUDA_VERSION", "13.0.0")
                .env("LD_LIBRARY_PATH", "/usr/local/cuda-13.0/compat:/usr/local/nvidia/lib64")
                .torch("2.9.0+cu130", "'13.0'");
        node.file("usr/local/cuda-13.0/compat/libcuda.so.580.65.06",
                ElfFixture.withNote(".note.cuda.fwd_compatibility", FORWARD_NOTE, 2 << 20));
    }

    private static Arguments situation(String code, String severity, String fix, Situation situation) {
        return Arguments.of(code, severity, fix, situation);
    }

    @Test
    void minorVersionCompatibilityNamesThePtxJitCaveat() throws Exception {
        ContainerNode node = new ContainerNode(dir);
        node.driver = "535.161.07";
        node.cudaDriver = "12.2";
        node.withoutEnv("NVIDIA_REQUIRE_CUDA").env("CUDA_VERSION", "12.4.1").torch("2.5.1+cu124", "'12.4'");

        JsonNode finding = finding(node.diagnose("trainer"), "CUDA_MINOR_VERSION_COMPAT");

        assertThat(finding.at("/title").asText()).contains("PTX JIT");
        assertThat(finding.at("/evidence").toString()).contains("torch/version.py");
    }

    @Test
    void forwardCompatibilityOnGeForceIsError804NamingTheImagesLibraryAndItsNote() throws Exception {
        ContainerNode node = new ContainerNode(dir);
        forwardCompat(node, "RTX4090");

        CliRun run = node.diagnose("trainer");
        JsonNode finding = finding(run, "CUDA_FORWARD_COMPAT_UNSUPPORTED");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(finding.at("/detail").asText()).contains("804");
        assertThat(finding.at("/evidence").toString()).contains("/usr/local/cuda-13.0/compat/libcuda.so.580.65.06")
                .contains("570");
    }

    @Test
    void aCpuOnlyTorchNeedsNoCudaAndSaysSo() throws Exception {
        ContainerNode node = new ContainerNode(dir);
        node.torch("2.4.0+cpu", "None");

        CliRun run = node.diagnose("trainer");

        assertThat(finding(run, "CONTAINER_CPU_ONLY_FRAMEWORK").at("/title").asText()).contains("CPU-only");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(ContainerNode.Layout.class)
    void everyRuntimeLayoutResolvesTheContainerAndDiagnosesIt(ContainerNode.Layout layout) throws Exception {
        ContainerNode node = new ContainerNode(dir);
        node.layout = layout;
        node.shmSize = "65536k";
        boolean kubernetes = layout.name().startsWith("CONTAINERD") || layout == ContainerNode.Layout.CRIO;
        String ref = kubernetes ? "ml/train-job-0/trainer" : layout == ContainerNode.Layout.PODMAN
                ? ContainerNode.ID.substring(0, 12) : "trainer";

        CliRun run = node.diagnose(ref);
        JsonNode container = Json.mapper().readTree(run.out()).at("/container");

        assertThat(container.at("/id").asText()).isEqualTo(ContainerNode.ID);
        assertThat(container.at("/pid").asLong()).isEqualTo(ContainerNode.PID);
        assertThat(container.at("/runtime").asText()).isEqualTo(switch (layout) {
            case DOCKER_SYSTEMD, DOCKER_CGROUPFS -> "docker";
            case CONTAINERD_KUBERNETES, CONTAINERD_KUBERNETES_CGROUP_V1 -> "containerd";
            case CRIO -> "cri-o";
            case PODMAN -> "podman";
        });
        assertThat(container.at("/pod").asText(null)).isEqualTo(kubernetes ? "train-job-0" : null);
        assertThat(finding(run, "CONTAINER_SHM_TOO_SMALL").at("/fix").asText())
                .contains(kubernetes ? "emptyDir" : "--shm-size=");
    }
}
