package io.gpudoctor.agent.container.facts;

import io.gpudoctor.agent.container.ContainerIdentity;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import io.gpudoctor.locate.LdSoCacheEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerFactsReaderTest {

    private static final long PID = 4242;
    private static final String MARKER = "HOST-MARKER-d41d8cd98f00";

    @TempDir
    Path host;
    @TempDir
    Path root;

    private final List<String> secrets = new ArrayList<>();

    @BeforeEach
    void hostSide() throws IOException {
        write(host, "proc/4242/mountinfo", """
                1 0 0:50 / / rw - overlay overlay rw
                2 1 259:1 /usr/lib/x86_64-linux-gnu/libcuda.so.570.86.15 /usr/lib/x86_64-linux-gnu/libcuda.so.570.86.15 ro - ext4 /dev/sda rw
                3 1 0:60 / /dev/shm rw - tmpfs shm rw,size=65536k
                """);
        write(host, "proc/4242/maps", "7f00-7f10 r-xp 0 00:32 1 /usr/local/cuda/lib64/stubs/libcuda.so\n");
        write(host, "run/bundle/config.json", "{\"linux\":{\"devices\":[{\"path\":\"/dev/nvidia0\"}]}}");
        ByteArrayOutputStream environ = new ByteArrayOutputStream();
        environ.writeBytes("NVIDIA_VISIBLE_DEVICES=all\0LD_LIBRARY_PATH=/usr/local/cuda/lib64/stubs\0CUDA_VERSION=12.4.1\0".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 50; i++) {
            String value = switch (i % 5) {
                case 0 -> "ghp_SecretToken" + i + "xYz";
                case 1 -> "hunter2-password-" + i;
                case 2 -> "AKIAIOSFODNN7EXAMPL" + i;
                case 3 -> "postgres://admin:pw" + i + "@db:5432/prod";
                default -> "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + i;
            };
            secrets.add(value);
            environ.writeBytes(("SECRET_VAR_" + i + "=" + value + "\0").getBytes(StandardCharsets.UTF_8));
        }
        write(host, "proc/4242/environ", environ.toByteArray());
        write(host, "etc/shadow", MARKER);
        write(host, "marker.txt", MARKER);
    }

    private ContainerFacts read() {
        ContainerIdentity identity = new ContainerIdentity("a".repeat(64), "docker", Optional.of("train"), Optional.empty(),
                Optional.empty(), Optional.empty(), PID, Optional.of("/run/bundle/config.json"));
        return ContainerFactsReader.readWithRoot(identity, new HostFileReader(HostPaths.of(host)), root);
    }

    @Test
    void a_glibc_image_with_a_cuda_torch_a_stub_and_bundled_driver_libraries_is_described() throws IOException {
        write(root, "usr/lib/python3.11/site-packages/torch/version.py", "__version__ = '2.7.1+cu128'\ncuda: Optional[str] = '12.8'\n");
        write(root, "opt/venv/lib/python3.12/site-packages/torch/version.py", "__version__ = '2.7.1+cpu'\ncuda: Optional[str] = None\n");
        write(root, "usr/local/cuda/lib64/stubs/libcuda.so", "stub");
        write(root, "usr/lib/x86_64-linux-gnu/libcuda.so.570.86.15", "mounted");
        write(root, "usr/lib/x86_64-linux-gnu/libnvidia-ml.so.535.104.05", "shipped");
        write(root, "usr/local/cuda-12.9/compat/libcuda.so.575.51.03",
                ElfFixture.withNote(ElfNoteParser.SECTION, "{\"CUDA version\":\"12.9\",\"driver\":[535,570,575]}"));
        write(root, "usr/local/cuda/version.json", "{\"cuda\":{\"version\":\"12.4.1\"}}");
        write(root, "lib64/ld-linux-x86-64.so.2", "ld");
        write(root, "dev/nvidia0", "");
        write(root, "dev/nvidiactl", "");
        write(root, "dev/null", "");

        ContainerFacts facts = read();

        assertThat(facts.environment().value().orElseThrow().ldLibraryPath()).contains("/usr/local/cuda/lib64/stubs");
        assertThat(facts.mappedLibcuda().value().orElseThrow()).extracting(MappedLibcuda::kind).containsExactly(MappedLibcuda.Kind.STUB);
        assertThat(facts.mounts().value().orElseThrow().shmSize()).contains("65536k");
        assertThat(facts.bundle().value().orElseThrow().devicePaths()).containsExactly("/dev/nvidia0");
        assertThat(facts.deviceNodes().value().orElseThrow()).containsExactly("/dev/nvidia0", "/dev/nvidiactl");
        assertThat(facts.bundledLibraries().value().orElseThrow()).containsExactly(new DriverLibraryFile(
                "/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.535.104.05", "libnvidia-ml", "535.104.05"));
        ForwardCompatLibrary compat = facts.compatLibraries().value().orElseThrow().get(0);
        assertThat(compat.file().version()).isEqualTo("575.51.03");
        assertThat(compat.note().value().orElseThrow().driverBranches()).containsExactly(535, 570, 575);
        assertThat(facts.libc().value().orElseThrow().kind()).isEqualTo(Libc.Kind.GLIBC);
        assertThat(facts.libcudaInCache().value().orElseThrow()).isEmpty();
        assertThat(facts.torchInstalls().value().orElseThrow()).extracting(TorchInstall::version)
                .containsExactlyInAnyOrder("2.7.1+cu128", "2.7.1+cpu");
        assertThat(facts.cudaRequirements()).extracting(CudaRequirement::source, CudaRequirement::version).containsExactly(
                org.assertj.core.groups.Tuple.tuple(CudaRequirement.Source.TORCH, "12.8"),
                org.assertj.core.groups.Tuple.tuple(CudaRequirement.Source.CUDA_TOOLKIT, "12.4.1"),
                org.assertj.core.groups.Tuple.tuple(CudaRequirement.Source.ENV_CUDA_VERSION, "12.4.1"));
    }

    @Test
    void a_conda_install_is_read_once_and_compat_loader_configs_are_listed() throws IOException {
        write(root, "opt/conda/lib/python3.11/site-packages/torch/version.py", "__version__ = '2.5.1+cu121'\ncuda = '12.1'\n");
        write(root, "etc/ld.so.conf.d/00-compat-575.conf", "/usr/local/cuda/compat\n");
        write(root, "etc/ld.so.conf.d/libc.conf", "/usr/local/lib\n");

        ContainerFacts facts = read();

        assertThat(facts.torchInstalls().value().orElseThrow()).extracting(TorchInstall::cuda).containsExactly(Optional.of("12.1"));
        assertThat(facts.compatLoaderConfigs().value().orElseThrow()).containsExactly("/etc/ld.so.conf.d/00-compat-575.conf");
    }

    @Test
    void a_musl_image_is_recognised() throws IOException {
        write(root, "lib/ld-musl-x86_64.so.1", "ld");

        assertThat(read().libc().value().orElseThrow()).isEqualTo(new Libc(Libc.Kind.MUSL, "/lib/ld-musl-x86_64.so.1"));
    }

    @Test
    void links_out_of_the_container_root_never_bring_host_content_into_the_facts() throws IOException {
        Files.createDirectories(root.resolve("usr/local/cuda"));
        Files.createSymbolicLink(root.resolve("usr/local/cuda/version.json"), Path.of("/etc/shadow"));
        Files.createDirectories(root.resolve("usr/lib/python3.11/site-packages/torch"));
        Files.createSymbolicLink(root.resolve("usr/lib/python3.11/site-packages/torch/version.py"), host.resolve("marker.txt"));

        Files.createDirectories(root.resolve("usr/local/cuda-12.9/compat"));
        Files.createSymbolicLink(root.resolve("usr/local/cuda-12.9/compat/libcuda.so.575.51.03"), host.resolve("marker.txt"));

        ContainerFacts facts = read();

        assertThat(facts.toString()).doesNotContain(MARKER);
        assertThat(facts.compatLibraries().value().orElseThrow().get(0).note().isKnown()).isFalse();
        assertThat(facts.torchInstalls().value().orElseThrow()).isEmpty();
        assertThat(facts.cudaRequirements()).extracting(CudaRequirement::source).doesNotContain(CudaRequirement.Source.CUDA_TOOLKIT);
    }

    @Test
    void no_value_of_fifty_secret_variables_appears_anywhere_in_the_facts() {
        ContainerFacts facts = read();

        assertThat(facts.environment().value().orElseThrow().variables())
                .containsOnlyKeys("NVIDIA_VISIBLE_DEVICES", "LD_LIBRARY_PATH", "CUDA_VERSION");
        String all = facts.toString() + facts.environment().value().orElseThrow().variables();
        assertThat(secrets).hasSize(50).allSatisfy(secret -> assertThat(all).doesNotContain(secret));
    }

    @Test
    void an_environ_larger_than_the_cap_is_unknown_and_non_utf8_secrets_are_never_decoded() throws IOException {
        byte[] big = new byte[HostFileReader.DEFAULT_CAP + 1];
        Arrays.fill(big, (byte) 'x');
        write(host, "proc/4242/environ", big);

        assertThat(read().environment().reason()).contains("larger than");

        write(host, "proc/4242/environ", new byte[] {'K', '=', (byte) 0xc3, (byte) 0x28, 0, 'C', 'U', 'D', 'A', '_', 'X', '=', '1', 0});
        assertThat(read().environment().value().orElseThrow().variables()).containsOnlyKeys("CUDA_X");
    }

    @Test
    void a_missing_host_side_makes_those_facts_unknown_with_a_reason_not_an_exception() throws IOException {
        Files.delete(host.resolve("proc/4242/mountinfo"));
        Files.delete(host.resolve("proc/4242/environ"));

        ContainerFacts facts = read();

        assertThat(facts.mounts().reason()).contains("mountinfo");
        assertThat(facts.environment().isKnown()).isFalse();
        assertThat(facts.bundledLibraries().reason()).contains("cannot tell shipped from mounted");
    }

    @Test
    void the_image_ld_so_cache_entries_for_libcuda_so_1_are_reported() throws IOException {
        LdSoCacheEntry cuda = new LdSoCacheEntry("libcuda.so.1", "/usr/local/cuda/compat/libcuda.so.1", LdSoCacheEntry.X86_64_LIBC6);
        LdSoCacheEntry nvml = new LdSoCacheEntry("libnvidia-ml.so.1", "/usr/lib64/libnvidia-ml.so.1", LdSoCacheEntry.X86_64_LIBC6);
        write(root, "etc/ld.so.cache", LdSoCacheFixture.of(List.of(nvml, cuda)));

        assertThat(read().libcudaInCache().value().orElseThrow()).containsExactly(cuda);
    }

    @Test
    void a_garbage_ld_so_cache_is_unknown_with_the_parser_reason() throws IOException {
        write(root, "etc/ld.so.cache", "not a cache at all");

        assertThat(read().libcudaInCache().reason()).startsWith("/etc/ld.so.cache: ");
    }

    @Test
    void a_container_file_larger_than_the_cap_is_not_used() throws IOException {
        write(root, "usr/local/cuda/version.json", "{\"cuda\":{\"version\":\"12.4.1\"}}" + " ".repeat(2 << 20));
        write(root, "usr/local/cuda/version.txt", "CUDA Version 11.8.0\n");

        assertThat(read().cudaRequirements()).extracting(CudaRequirement::evidence).contains("/usr/local/cuda/version.txt");
    }

    @Test
    void a_container_with_fifteen_thousand_mounts_keeps_its_shm_size() throws IOException {
        StringBuilder mountinfo = new StringBuilder("1 0 0:50 / / rw - overlay overlay rw\n");
        for (int i = 0; i < 15_000; i++) {
            mountinfo.append(100 + i).append(" 1 0:").append(70 + i % 100)
                    .append(" / /var/lib/kubelet/pods/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b/volumes/kubernetes.io~secret/volume-")
                    .append(i).append(" ro,relatime - tmpfs tmpfs rw,size=4096k,inode64\n");
        }
        mountinfo.append("20000 1 0:60 / /dev/shm rw - tmpfs shm rw,size=65536k\n");
        write(host, "proc/4242/mountinfo", mountinfo.toString());

        ContainerFacts facts = read();

        assertThat(mountinfo.length()).isGreaterThan(HostFileReader.DEFAULT_CAP);
        assertThat(facts.mounts().value().orElseThrow().shmSize()).contains("65536k");
    }

    @Test
    void a_process_whose_root_cannot_be_opened_gives_unknown_container_facts_and_host_facts_still() {
        ContainerIdentity identity = new ContainerIdentity("b".repeat(64), "docker", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), PID, Optional.empty());

        ContainerFacts facts = ContainerFactsReader.read(identity, new HostFileReader(HostPaths.of(host)));

        assertThat(facts.deviceNodes().isKnown()).isFalse();
        assertThat(facts.deviceNodes().reason()).contains("container root unreadable");
        assertThat(facts.bundle().reason()).isEqualTo("no OCI bundle known for this container");
        assertThat(facts.mounts().isKnown()).isTrue();
        assertThat(facts.cudaRequirements()).extracting(CudaRequirement::source).containsExactly(CudaRequirement.Source.ENV_CUDA_VERSION);
    }

    private static void write(Path base, String relative, String text) throws IOException {
        write(base, relative, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path base, String relative, byte[] bytes) throws IOException {
        Path file = base.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
