package io.gpudoctor.locate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** LibraryLocator on host roots built under a test folder, with hand-built ld.so.cache files. */
class LibraryLocatorTest {

    private static final String LIB = "/usr/lib/x86_64-linux-gnu";

    @TempDir
    Path dir;

    private HostRoot host;
    private LibraryLocator locator;

    @BeforeEach
    void emptyHost() {
        host = new HostRoot(dir);
        locator = new LibraryLocator(dir, HostArch.X86_64);
    }

    @Test
    void a_library_in_the_multiarch_folder_is_found_with_its_version() {
        host.library(LIB, "libnvidia-ml.so.1", "535.161.07");

        LibraryCandidate chosen = locator.locate(NvidiaLibrary.NVML).chosen().orElseThrow();

        assertThat(chosen.path()).isEqualTo(Path.of(LIB + "/libnvidia-ml.so.1"));
        assertThat(chosen.realPath()).isEqualTo(Path.of(LIB + "/libnvidia-ml.so.535.161.07"));
        assertThat(chosen.version()).contains("535.161.07");
        assertThat(chosen.foundBy()).isEqualTo(LIB);
        assertThat(chosen.fileOnDisk()).isEqualTo(host.disk(LIB + "/libnvidia-ml.so.535.161.07"));
        assertThat(chosen.usable()).isTrue();
    }

    @Test
    void the_cache_entry_comes_before_the_library_folders() {
        host.library("/opt/driver/lib", "libcuda.so.1", "560.35.03")
                .library("/usr/lib64", "libcuda.so.1", "535.161.07")
                .write("/etc/ld.so.cache", LdSoCacheBytes.current(List.of(
                        new LdSoCacheEntry("libcuda.so.1", "/opt/driver/lib/libcuda.so.1", LdSoCacheEntry.X86_64_LIBC6))));

        LibrarySearch search = locator.locate(NvidiaLibrary.CUDA);

        assertThat(search.candidates()).extracting(LibraryCandidate::foundBy).containsExactly("ld.so.cache", "/usr/lib64");
        assertThat(search.chosen().orElseThrow().realPath()).isEqualTo(Path.of("/opt/driver/lib/libcuda.so.560.35.03"));
    }

    @Test
    void a_32_bit_cache_entry_is_never_a_candidate_for_a_64_bit_process() {
        host.library("/usr/lib/i386-linux-gnu", "libcuda.so.1", "535.161.07")
                .library("/opt/driver/lib64", "libcuda.so.1", "535.161.07")
                .write("/etc/ld.so.cache", LdSoCacheBytes.current(List.of(
                        new LdSoCacheEntry("libcuda.so.1", "/usr/lib/i386-linux-gnu/libcuda.so.1", LdSoCacheEntry.LIBC6),
                        new LdSoCacheEntry("libcuda.so.1", "/opt/driver/lib64/libcuda.so.1", LdSoCacheEntry.X86_64_LIBC6))));

        LibrarySearch search = locator.locate(NvidiaLibrary.CUDA);

        assertThat(search.candidates()).extracting(LibraryCandidate::path)
                .containsExactly(Path.of("/opt/driver/lib64/libcuda.so.1"));
    }

    @Test
    void only_entries_for_the_soname_asked_for_are_taken_from_the_cache() {
        host.library("/opt/a", "libcuda.so.1", "535.161.07").file("/opt/a/libcudart.so.12")
                .write("/etc/ld.so.cache", LdSoCacheBytes.current(List.of(
                        new LdSoCacheEntry("libcudart.so.12", "/opt/a/libcudart.so.12", LdSoCacheEntry.X86_64_LIBC6),
                        new LdSoCacheEntry("libcuda.so", "/opt/a/libcuda.so.1", LdSoCacheEntry.X86_64_LIBC6))));

        assertThat(locator.locate(NvidiaLibrary.CUDA).candidates()).isEmpty();
    }

    @Test
    void an_aarch64_process_takes_aarch64_cache_entries_and_folders() {
        host.library("/opt/x86", "libcuda.so.1", "535.161.07")
                .library("/opt/arm", "libcuda.so.1", "535.161.08")
                .library("/usr/lib/aarch64-linux-gnu", "libcuda.so.1", "535.161.09")
                .library(LIB, "libcuda.so.1", "535.161.10")
                .write("/etc/ld.so.cache", LdSoCacheBytes.current(List.of(
                        new LdSoCacheEntry("libcuda.so.1", "/opt/x86/libcuda.so.1", LdSoCacheEntry.X86_64_LIBC6),
                        new LdSoCacheEntry("libcuda.so.1", "/opt/arm/libcuda.so.1", LdSoCacheEntry.AARCH64_LIBC6))));

        LibrarySearch search = new LibraryLocator(dir, HostArch.AARCH64).locate(NvidiaLibrary.CUDA);

        assertThat(search.versions()).containsExactly("535.161.08", "535.161.09");
    }

    @Test
    void a_cache_entry_for_a_file_that_is_gone_is_an_unusable_candidate() {
        host.library(LIB, "libcuda.so.1", "535.161.07")
                .write("/etc/ld.so.cache", LdSoCacheBytes.current(List.of(
                        new LdSoCacheEntry("libcuda.so.1", "/opt/removed/libcuda.so.1", LdSoCacheEntry.X86_64_LIBC6))));

        LibrarySearch search = locator.locate(NvidiaLibrary.CUDA);

        assertThat(search.candidates().get(0).problem()).contains("/opt/removed/libcuda.so.1 does not exist");
        assertThat(search.chosen().orElseThrow().path()).isEqualTo(Path.of(LIB + "/libcuda.so.1"));
    }

    @Test
    void the_folders_are_searched_in_the_documented_order() {
        assertThat(locator.folders()).containsExactly(
                LIB, "/usr/lib64", "/usr/lib", "/lib/x86_64-linux-gnu", "/lib64",
                LIB + "/nvidia/current",
                "/usr/local/nvidia/lib64",
                "/run/nvidia/driver/usr/lib/x86_64-linux-gnu", "/run/nvidia/driver/usr/lib64",
                "/usr/lib/wsl/lib");
    }

    @Test
    void other_debian_driver_flavours_are_searched_after_current() {
        host.folder(LIB + "/nvidia/tesla-470").folder(LIB + "/nvidia/current").folder(LIB + "/nvidia/legacy-390xx");

        assertThat(locator.folders()).containsSubsequence(
                LIB + "/nvidia/current", LIB + "/nvidia/legacy-390xx", LIB + "/nvidia/tesla-470", "/usr/local/nvidia/lib64");
    }

    @Test
    void the_gpu_operator_driver_container_is_searched() {
        host.library("/run/nvidia/driver/usr/lib64", "libnvidia-ml.so.1", "550.54.15");

        assertThat(locator.locate(NvidiaLibrary.NVML).chosen().orElseThrow().foundBy()).isEqualTo("/run/nvidia/driver/usr/lib64");
    }

    @Test
    void the_wsl_library_has_no_driver_version_in_its_name() {
        host.file("/usr/lib/wsl/lib/libcuda.so.1.1").link("/usr/lib/wsl/lib/libcuda.so.1", "libcuda.so.1.1");

        LibraryCandidate chosen = locator.locate(NvidiaLibrary.CUDA).chosen().orElseThrow();

        assertThat(chosen.realPath()).isEqualTo(Path.of("/usr/lib/wsl/lib/libcuda.so.1.1"));
        assertThat(chosen.version()).isEmpty();
    }

    @Test
    void the_cache_is_read_from_the_root() {
        host.write("/etc/ld.so.cache", LdSoCacheBytes.current(List.of(
                new LdSoCacheEntry("libcuda.so.1", "/opt/a/libcuda.so.1", LdSoCacheEntry.X86_64_LIBC6))));

        LdSoCache cache = locator.ldSoCache();

        assertThat(cache.status()).isEqualTo(LdSoCache.Status.OK);
        assertThat(cache.file()).isEqualTo(Path.of("/etc/ld.so.cache"));
        assertThat(cache.entries()).extracting(LdSoCacheEntry::path).containsExactly("/opt/a/libcuda.so.1");
    }

    @Test
    void a_host_without_a_cache_reports_it_missing() {
        LdSoCache cache = locator.ldSoCache();

        assertThat(cache.status()).isEqualTo(LdSoCache.Status.MISSING);
        assertThat(cache.problem()).isEqualTo("no such file");
    }

    static Stream<Arguments> unusableCaches() {
        byte[] valid = LdSoCacheBytes.current(List.of(
                new LdSoCacheEntry("libcuda.so.1", "/opt/a/libcuda.so.1", LdSoCacheEntry.X86_64_LIBC6)));
        return Stream.of(
                Arguments.of("empty", new byte[0], "empty file"),
                Arguments.of("broken", "\u0000\u0001garbage".getBytes(StandardCharsets.ISO_8859_1), "not an ld.so.cache"),
                Arguments.of("truncated", Arrays.copyOf(valid, 60), "truncated"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableCaches")
    void an_unusable_cache_is_invalid_with_a_reason_and_the_folders_are_still_searched(
            String kind, byte[] content, String reason) {
        host.write("/etc/ld.so.cache", content).library(LIB, "libcuda.so.1", "535.161.07");

        assertThat(locator.ldSoCache().status()).isEqualTo(LdSoCache.Status.INVALID);
        assertThat(locator.ldSoCache().problem()).startsWith(reason);
        assertThat(locator.locate(NvidiaLibrary.CUDA).chosen().orElseThrow().foundBy()).isEqualTo(LIB);
    }

    @Test
    void a_cache_over_16_mib_is_invalid_without_being_parsed() throws IOException {
        host.write("/etc/ld.so.cache", LdSoCacheBytes.current(List.of()));
        try (RandomAccessFile file = new RandomAccessFile(host.disk("/etc/ld.so.cache").toFile(), "rw")) {
            file.setLength(LibraryLocator.MAX_CACHE_BYTES + 1L);
        }

        assertThat(locator.ldSoCache().problem()).isEqualTo("larger than 16 MiB");
    }

    @Test
    void a_cache_that_is_a_folder_is_invalid() {
        host.folder("/etc/ld.so.cache");

        assertThat(locator.ldSoCache().problem()).isEqualTo("not a regular file");
    }

    @Test
    void an_absolute_symlink_is_followed_inside_the_root() {
        host.file("/opt/nvidia/lib/libcuda.so.560.35.03").link("/usr/lib64/libcuda.so.1", "/opt/nvidia/lib/libcuda.so.560.35.03");

        LibraryCandidate chosen = locator.locate(NvidiaLibrary.CUDA).chosen().orElseThrow();

        assertThat(chosen.realPath()).isEqualTo(Path.of("/opt/nvidia/lib/libcuda.so.560.35.03"));
        assertThat(chosen.fileOnDisk()).isEqualTo(host.disk("/opt/nvidia/lib/libcuda.so.560.35.03"));
        assertThat(chosen.version()).contains("560.35.03");
    }

    @Test
    void an_absolute_symlink_never_leads_to_this_machines_own_file() throws IOException {
        Path outside = Files.createTempFile("libcuda.so.", ".535.161.07");
        try {
            host.link("/usr/lib64/libcuda.so.1", outside.toString());

            LibrarySearch search = locator.locate(NvidiaLibrary.CUDA);

            assertThat(search.chosen()).isEmpty();
            assertThat(search.candidates().get(0).problem().orElseThrow()).startsWith("broken symlink");
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void dot_dot_in_a_symlink_stops_at_the_root() {
        host.file("/opt/nvidia/libcuda.so.535.161.07")
                .link("/usr/lib64/libcuda.so.1", "../../../../../../../../opt/nvidia/libcuda.so.535.161.07");

        LibraryCandidate chosen = locator.locate(NvidiaLibrary.CUDA).chosen().orElseThrow();

        assertThat(chosen.realPath()).isEqualTo(Path.of("/opt/nvidia/libcuda.so.535.161.07"));
        assertThat(chosen.fileOnDisk()).isEqualTo(host.disk("/opt/nvidia/libcuda.so.535.161.07"));
    }

    @Test
    void a_symlinked_folder_on_the_way_is_resolved_inside_the_root() {
        host.library("/opt/gpu-driver/lib64", "libcuda.so.1", "535.161.07").link("/usr/local/nvidia", "/opt/gpu-driver");

        LibraryCandidate chosen = locator.locate(NvidiaLibrary.CUDA).chosen().orElseThrow();

        assertThat(chosen.path()).isEqualTo(Path.of("/usr/local/nvidia/lib64/libcuda.so.1"));
        assertThat(chosen.realPath()).isEqualTo(Path.of("/opt/gpu-driver/lib64/libcuda.so.535.161.07"));
    }

    @Test
    void a_library_missing_under_a_symlinked_folder_is_no_candidate_at_all() {
        // Merged-/usr hosts: /lib -> usr/lib and /lib64 -> usr/lib64 are links, the library is simply not there.
        host.folder("/usr/lib/x86_64-linux-gnu").folder("/usr/lib64")
                .link("/lib", "usr/lib").link("/lib64", "usr/lib64");

        LibrarySearch search = locator.locate(NvidiaLibrary.NVML);

        assertThat(search.candidates()).isEmpty();
        assertThat(search.chosen()).isEmpty();
    }

    @Test
    void a_symlink_loop_is_an_unusable_candidate_not_an_exception() {
        host.link("/usr/lib64/libcuda.so.1", "libcuda.so.a").link("/usr/lib64/libcuda.so.a", "/usr/lib64/libcuda.so.1")
                .library("/usr/local/nvidia/lib64", "libcuda.so.1", "535.161.07");

        LibrarySearch search = locator.locate(NvidiaLibrary.CUDA);

        LibraryCandidate loop = search.candidates().get(0);
        assertThat(loop.path()).isEqualTo(Path.of("/usr/lib64/libcuda.so.1"));
        assertThat(loop.usable()).isFalse();
        assertThat(loop.problem().orElseThrow())
                .isEqualTo("symlink loop: more than 40 links resolving /usr/lib64/libcuda.so.1");
        assertThat(search.chosen().orElseThrow().foundBy()).isEqualTo("/usr/local/nvidia/lib64");
    }

    @Test
    void a_chain_of_forty_links_still_resolves() {
        chainOfLinks(40);

        assertThat(locator.locate(NvidiaLibrary.CUDA).chosen().orElseThrow().realPath()).isEqualTo(Path.of("/opt/l39"));
    }

    @Test
    void a_chain_of_forty_one_links_is_refused_as_the_kernel_would() {
        chainOfLinks(41);

        assertThat(locator.locate(NvidiaLibrary.CUDA).candidates()).singleElement()
                .satisfies(c -> assertThat(c.problem().orElseThrow()).startsWith("symlink loop"));
    }

    /** {@code /usr/lib64/libcuda.so.1 -> /opt/l0 -> l1 -> ...}: {@code links} links in all, ending at a file. */
    private void chainOfLinks(int links) {
        host.link("/usr/lib64/libcuda.so.1", "/opt/l0");
        for (int i = 0; i < links - 1; i++) {
            host.link("/opt/l" + i, "l" + (i + 1));
        }
        host.file("/opt/l" + (links - 1));
    }

    @Test
    void a_broken_symlink_is_an_unusable_candidate() {
        host.link("/usr/lib64/libcuda.so.1", "libcuda.so.535.161.07");

        LibrarySearch search = locator.locate(NvidiaLibrary.CUDA);

        assertThat(search.chosen()).isEmpty();
        assertThat(search.candidates()).singleElement().satisfies(c -> assertThat(c.problem()).contains(
                "broken symlink: /usr/lib64/libcuda.so.1 leads to /usr/lib64/libcuda.so.535.161.07, which does not exist"));
    }

    @Test
    void a_folder_named_like_the_library_is_an_unusable_candidate() {
        host.folder("/usr/lib64/libcuda.so.1");

        assertThat(locator.locate(NvidiaLibrary.CUDA).candidates()).singleElement()
                .satisfies(c -> assertThat(c.problem()).contains("/usr/lib64/libcuda.so.1 is not a regular file"));
    }

    @Test
    void two_driver_versions_installed_are_both_reported() {
        host.library(LIB, "libnvidia-ml.so.1", "535.161.07")
                .library("/run/nvidia/driver/usr/lib64", "libnvidia-ml.so.1", "550.54.15");

        LibrarySearch search = locator.locate(NvidiaLibrary.NVML);

        assertThat(search.candidates()).hasSize(2);
        assertThat(search.versions()).containsExactly("535.161.07", "550.54.15");
        assertThat(search.chosen().orElseThrow().version()).contains("535.161.07");
    }

    @Test
    void one_file_reached_through_several_folders_is_one_candidate() {
        host.library("/usr/lib64", "libcuda.so.1", "535.161.07").link("/lib64", "usr/lib64")
                .write("/etc/ld.so.cache", LdSoCacheBytes.current(List.of(
                        new LdSoCacheEntry("libcuda.so.1", "/lib64/libcuda.so.1", LdSoCacheEntry.X86_64_LIBC6))));

        LibrarySearch search = locator.locate(NvidiaLibrary.CUDA);

        assertThat(search.candidates()).singleElement().satisfies(c -> {
            assertThat(c.foundBy()).isEqualTo("ld.so.cache");
            assertThat(c.path()).isEqualTo(Path.of("/lib64/libcuda.so.1"));
            assertThat(c.realPath()).isEqualTo(Path.of("/usr/lib64/libcuda.so.535.161.07"));
        });
        assertThat(search.versions()).containsExactly("535.161.07");
    }

    @Test
    void nothing_installed_finds_nothing() {
        LibrarySearch search = locator.locate(NvidiaLibrary.NVML);

        assertThat(search.library()).isEqualTo(NvidiaLibrary.NVML);
        assertThat(search.chosen()).isEmpty();
        assertThat(search.candidates()).isEmpty();
        assertThat(search.versions()).isEmpty();
    }

    @Test
    void a_root_that_does_not_exist_finds_nothing() {
        LibraryLocator nowhere = new LibraryLocator(dir.resolve("no-such-root"));

        assertThat(nowhere.locate(NvidiaLibrary.CUDA).candidates()).isEmpty();
        assertThat(nowhere.ldSoCache().status()).isEqualTo(LdSoCache.Status.MISSING);
    }

    @Test
    void an_explicit_path_is_taken_as_a_path_on_this_machine() {
        host.library("/elsewhere", "libnvidia-ml.so.1", "535.161.07");
        Path given = host.disk("/elsewhere/libnvidia-ml.so.1");

        LibrarySearch search = new LibraryLocator(dir.resolve("unrelated-root")).explicit(NvidiaLibrary.NVML, given);

        LibraryCandidate chosen = search.chosen().orElseThrow();
        assertThat(chosen.path()).isEqualTo(given);
        assertThat(chosen.realPath()).isEqualTo(given.resolveSibling("libnvidia-ml.so.535.161.07"));
        assertThat(chosen.fileOnDisk()).isEqualTo(chosen.realPath());
        assertThat(chosen.version()).contains("535.161.07");
        assertThat(chosen.foundBy()).isEqualTo("--nvml.library");
    }

    @Test
    void an_explicit_path_that_does_not_exist_is_reported_not_thrown() {
        Path given = dir.resolve("missing/libcuda.so.1");

        LibrarySearch search = locator.explicit(NvidiaLibrary.CUDA, given);

        assertThat(search.chosen()).isEmpty();
        assertThat(search.candidates()).singleElement().satisfies(c -> {
            assertThat(c.foundBy()).isEqualTo("--cuda.library");
            assertThat(c.problem()).isEqualTo(Optional.of(given + " does not exist"));
        });
    }
}
