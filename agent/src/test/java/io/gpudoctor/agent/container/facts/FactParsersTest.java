package io.gpudoctor.agent.container.facts;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FactParsersTest {

    private static byte[] environ(String... entries) {
        return (String.join("\0", entries) + "\0").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void environ_keeps_only_gpu_variables_and_the_presence_of_ld_preload() {
        ContainerEnvironment env = EnvironParser.parse(environ("NVIDIA_VISIBLE_DEVICES=all", "CUDA_VERSION=12.4.1",
                "PATH=/usr/bin", "LD_LIBRARY_PATH=/usr/local/cuda/lib64/stubs", "LD_PRELOAD=/evil.so", "HOME=/root",
                "PATHX=nope", "CUDA_=empty-name-suffix"));

        assertThat(env.variables()).containsOnlyKeys("NVIDIA_VISIBLE_DEVICES", "CUDA_VERSION", "PATH", "LD_LIBRARY_PATH");
        assertThat(env.ldPreloadSet()).isTrue();
        assertThat(env.ldLibraryPath()).contains("/usr/local/cuda/lib64/stubs");
    }

    @Test
    void environ_that_is_empty_truncated_or_garbage_yields_no_variables_and_no_exception() {
        assertThat(EnvironParser.parse(new byte[0]).variables()).isEmpty();
        assertThat(EnvironParser.parse("NVIDIA_VISIBLE_DEVICES=al".getBytes(StandardCharsets.UTF_8)).get("NVIDIA_VISIBLE_DEVICES")).contains("al");
        assertThat(EnvironParser.parse(new byte[] {(byte) 0xff, 0, '=', 0, 0, (byte) 0x80}).variables()).isEmpty();
    }

    @Test
    void environ_entry_of_a_kept_name_without_an_equals_sign_is_skipped() {
        ContainerEnvironment env = EnvironParser.parse(environ("NVIDIA_VISIBLE_DEVICES", "CUDA_VERSION=12.4.1", "CUDA_HOME"));

        assertThat(env.variables()).containsOnlyKeys("CUDA_VERSION");
    }

    @Test
    void mountinfo_names_driver_library_bind_mounts_and_the_shm_size() {
        String mountinfo = """
                600 500 0:50 / / rw,relatime - overlay overlay rw,lowerdir=/a
                601 600 259:1 /usr/lib/x86_64-linux-gnu/libcuda.so.570.86.15 /usr/lib/x86_64-linux-gnu/libcuda.so.570.86.15 ro,nosuid - ext4 /dev/nvme0n1p1 rw
                602 600 259:1 /usr/lib/x86_64-linux-gnu/libnvidia-ml.so.570.86.15 /usr/lib/x86_64-linux-gnu/libnvidia-ml.so.570.86.15 ro shared:1 - ext4 /dev/nvme0n1p1 rw
                603 600 259:1 /x /opt/my\\040dir/libnvidia-ptxjitcompiler.so.570.86.15 ro - ext4 /dev/nvme0n1p1 rw
                604 600 0:60 / /dev/shm rw - tmpfs shm rw,size=65536k
                """;

        MountFacts facts = MountInfoParser.parse(mountinfo);

        assertThat(facts.driverLibraries()).extracting(DriverLibraryFile::path).containsExactly(
                "/usr/lib/x86_64-linux-gnu/libcuda.so.570.86.15", "/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.570.86.15",
                "/opt/my dir/libnvidia-ptxjitcompiler.so.570.86.15");
        assertThat(facts.driverLibraries()).extracting(DriverLibraryFile::version).containsOnly("570.86.15");
        assertThat(facts.shmSize()).contains("65536k");
    }

    @Test
    void mountinfo_that_is_empty_truncated_or_garbage_yields_nothing() {
        assertThat(MountInfoParser.parse("").driverLibraries()).isEmpty();
        assertThat(MountInfoParser.parse("601 600 259:1 /usr/lib/libcuda.so.570.86.15 /usr/lib/libcuda.so.5").driverLibraries()).isEmpty();
        assertThat(MountInfoParser.parse("\0\0 - - - \\777 \\").shmSize()).isEmpty();
    }

    @Test
    void maps_tell_a_stub_a_forward_compat_and_a_host_libcuda_apart() {
        String maps = """
                7f00-7f10 r-xp 00000000 00:32 100 /usr/local/cuda/lib64/stubs/libcuda.so
                7f10-7f20 r--p 00010000 00:32 100 /usr/local/cuda/lib64/stubs/libcuda.so
                7f20-7f30 r-xp 00000000 00:32 101 /usr/local/cuda-12.9/compat/libcuda.so.575.51.03
                7f30-7f40 r-xp 00000000 00:32 102 /usr/lib/x86_64-linux-gnu/libcuda.so.570.86.15 (deleted)
                7f40-7f50 rw-p 00000000 00:00 0 [heap]
                """;

        assertThat(MapsParser.parse(maps)).containsExactly(
                new MappedLibcuda("/usr/local/cuda/lib64/stubs/libcuda.so", MappedLibcuda.Kind.STUB),
                new MappedLibcuda("/usr/local/cuda-12.9/compat/libcuda.so.575.51.03", MappedLibcuda.Kind.FORWARD_COMPAT),
                new MappedLibcuda("/usr/lib/x86_64-linux-gnu/libcuda.so.570.86.15", MappedLibcuda.Kind.OTHER));
    }

    @Test
    void maps_that_are_empty_truncated_or_garbage_yield_nothing() {
        assertThat(MapsParser.parse("")).isEmpty();
        assertThat(MapsParser.parse("7f00-7f10 r-xp 00000000 00:32")).isEmpty();
        assertThat(MapsParser.parse("\u0000\uffff libcuda.so")).isEmpty();
    }

    @Test
    void bundle_config_yields_devices_hooks_and_cdi_annotations_but_no_environment() {
        String json = """
                {"process":{"env":["AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI"]},
                 "linux":{"devices":[{"path":"/dev/nvidia0"},{"path":"/dev/nvidiactl"},{"nopath":1}]},
                 "hooks":{"prestart":[{"path":"/usr/bin/nvidia-container-runtime-hook","args":["nvidia-container-runtime-hook","prestart"]}],
                          "createContainer":[{"path":"/usr/bin/nvidia-cdi-hook","args":["nvidia-cdi-hook","update-ldcache"]}]},
                 "annotations":{"cdi.k8s.io/gpu":"nvidia.com/gpu=0","io.kubernetes.pod.name":"p"}}
                """;

        BundleFacts facts = BundleConfigParser.parse(json).value().orElseThrow();

        assertThat(facts.devicePaths()).containsExactly("/dev/nvidia0", "/dev/nvidiactl");
        assertThat(facts.hooks()).extracting(OciHook::stage).containsExactly("prestart", "createContainer");
        assertThat(facts.hooks().get(0).args()).containsExactly("nvidia-container-runtime-hook", "prestart");
        assertThat(facts.cdiAnnotations()).containsOnlyKeys("cdi.k8s.io/gpu");
        assertThat(facts.toString()).doesNotContain("wJalrXUtnFEMI");
    }

    @Test
    void bundle_config_yields_the_runtime_handler_containerd_or_crio_recorded() {
        assertThat(BundleConfigParser.parse("{\"annotations\":{\"io.kubernetes.cri.runtime-handler\":\"nvidia\"}}")
                .value().orElseThrow().runtimeHandler()).contains("nvidia");
        assertThat(BundleConfigParser.parse("{\"annotations\":{\"io.kubernetes.cri-o.RuntimeHandler\":\"nvidia-cdi\"}}")
                .value().orElseThrow().runtimeHandler()).contains("nvidia-cdi");
        assertThat(BundleConfigParser.parse("{\"annotations\":{\"io.kubernetes.cri.runtime-handler\":7}}")
                .value().orElseThrow().runtimeHandler()).isEmpty();
    }

    @Test
    void bundle_config_that_is_empty_truncated_or_garbage_is_unknown_or_empty() {
        assertThat(BundleConfigParser.parse("").isKnown()).isFalse();
        assertThat(BundleConfigParser.parse("{\"linux\":{\"devices\":[").isKnown()).isFalse();
        assertThat(BundleConfigParser.parse("[1,2]").isKnown()).isFalse();
        assertThat(BundleConfigParser.parse("{\"linux\":7,\"hooks\":\"x\",\"annotations\":[]}").value().orElseThrow().hooks()).isEmpty();
    }

    @Test
    void torch_version_py_gives_the_cuda_build_or_a_cpu_only_build() {
        TorchInstall cuda = TorchVersionParser.parse("/v.py", """
                from typing import Optional
                __all__ = ['__version__', 'debug', 'cuda', 'git_version', 'hip']
                __version__ = '2.7.1+cu128'
                debug = False
                cuda: Optional[str] = '12.8'
                """).orElseThrow();
        TorchInstall cpu = TorchVersionParser.parse("/v.py", "__version__ = '2.7.1+cpu'\ncuda: Optional[str] = None\n").orElseThrow();

        assertThat(cuda.version()).isEqualTo("2.7.1+cu128");
        assertThat(cuda.cuda()).contains("12.8");
        assertThat(cpu.cpuOnly()).isTrue();
    }

    @Test
    void torch_version_py_that_is_empty_truncated_or_garbage_is_no_install() {
        assertThat(TorchVersionParser.parse("/v.py", "")).isEmpty();
        assertThat(TorchVersionParser.parse("/v.py", "__version__ = '2.7")).isEmpty();
        assertThat(TorchVersionParser.parse("/v.py", "\u0000\uffff==''")).isEmpty();
    }

    @Test
    void cuda_versions_are_read_from_toolkit_files_and_image_variables() {
        assertThat(CudaVersionParser.fromVersionJson("{\"cuda\":{\"name\":\"CUDA SDK\",\"version\":\"12.4.1\"}}")).contains("12.4.1");
        assertThat(CudaVersionParser.fromVersionTxt("CUDA Version 11.8.0\n")).contains("11.8.0");
        assertThat(CudaVersionParser.fromCudaVersionVariable("12.4.1")).contains("12.4.1");
        assertThat(CudaVersionParser.fromRequireCuda("cuda>=12.8 brand=tesla,driver>=470,driver<471")).contains("12.8");
    }

    @Test
    void cuda_version_sources_that_are_empty_truncated_or_garbage_give_nothing() {
        assertThat(CudaVersionParser.fromVersionJson("")).isEmpty();
        assertThat(CudaVersionParser.fromVersionJson("{\"cuda\":{\"vers")).isEmpty();
        assertThat(CudaVersionParser.fromVersionTxt("\u0000garbage")).isEmpty();
        assertThat(CudaVersionParser.fromRequireCuda("brand=tesla")).isEmpty();
    }
    @Test
    void limits_give_the_locked_memory_limit_in_bytes_or_unlimited() {
        String limits = """
                Limit                     Soft Limit           Hard Limit           Units
                Max stack size            8388608              unlimited            bytes
                Max locked memory         8388608              unlimited            bytes
                """;

        LockedMemoryLimit limit = LimitsParser.lockedMemory(limits).orElseThrow();

        assertThat(limit.softBytes()).contains(8388608L);
        assertThat(limit.hardBytes()).isEmpty();
    }

    @Test
    void limits_that_are_empty_truncated_or_garbage_give_no_limit() {
        assertThat(LimitsParser.lockedMemory("")).isEmpty();
        assertThat(LimitsParser.lockedMemory("Max locked memory         8388608")).isEmpty();
        assertThat(LimitsParser.lockedMemory("Max locked memory  lots  lots  bytes")).isEmpty();
        assertThat(LimitsParser.lockedMemory("Max locked memory  99999999999999999999999  1  bytes")).isEmpty();
    }

    @Test
    void an_shm_size_too_large_for_a_long_once_its_suffix_is_applied_is_unknown() {
        assertThat(new MountFacts(List.of(), Optional.of("999999999999999g")).shmBytes()).isEmpty();
        assertThat(new MountFacts(List.of(), Optional.of("8589934591g")).shmBytes()).contains(8589934591L << 30);
    }

    @Test
    void shm_sizes_in_the_kernels_units_are_bytes_and_a_percentage_is_unknown() {
        assertThat(new MountFacts(List.of(), Optional.of("65536k")).shmBytes()).contains(64L << 20);
        assertThat(new MountFacts(List.of(), Optional.of("8G")).shmBytes()).contains(8L << 30);
        assertThat(new MountFacts(List.of(), Optional.of("1048576")).shmBytes()).contains(1L << 20);
        assertThat(new MountFacts(List.of(), Optional.of("50%")).shmBytes()).isEmpty();
        assertThat(new MountFacts(List.of(), Optional.of("9999999999999999999g")).shmBytes()).isEmpty();
        assertThat(new MountFacts(List.of(), Optional.empty()).shmBytes()).isEmpty();
    }
}
