package io.gpudoctor.locate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gpudoctor.testing.NativeFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LibraryLocator on NVIDIA's real libraries, as Debian's packages unpack them, and on an
 * ld.so.cache written by the machine's real ldconfig.
 */
class NvidiaPackagesLocatorTest {

    private static final String DEBIAN = "/usr/lib/x86_64-linux-gnu/nvidia";

    @Test
    void debians_535_packages_provide_both_libraries_in_the_current_flavour() {
        LibraryLocator locator = new LibraryLocator(NativeFixtures.nvidiaRoot535(), HostArch.X86_64);

        for (NvidiaLibrary library : NvidiaLibrary.values()) {
            LibraryCandidate chosen = locator.locate(library).chosen().orElseThrow();

            assertThat(chosen.path()).isEqualTo(Path.of(DEBIAN + "/current/" + library.soname()));
            assertThat(chosen.version()).contains("535.309.01");
            assertThat(chosen.foundBy()).isEqualTo(DEBIAN + "/current");
            assertThat(chosen.fileOnDisk()).isRegularFile().hasFileName(chosen.realPath().getFileName().toString());
        }
    }

    @Test
    void debians_470_packages_are_found_in_their_own_flavour_folder() {
        LibraryLocator locator = new LibraryLocator(NativeFixtures.nvidiaRoot470(), HostArch.X86_64);

        for (NvidiaLibrary library : NvidiaLibrary.values()) {
            LibraryCandidate chosen = locator.locate(library).chosen().orElseThrow();

            assertThat(chosen.realPath()).isEqualTo(
                    Path.of(DEBIAN + "/tesla-470/" + library.soname().replace(".so.1", ".so.470.256.02")));
            assertThat(chosen.version()).contains("470.256.02");
            assertThat(chosen.foundBy()).isEqualTo(DEBIAN + "/tesla-470");
        }
    }

    @Test
    void a_cache_written_by_the_real_ldconfig_leads_to_the_library(@TempDir Path root) throws Exception {
        Path ldconfig = ldconfig();
        Path nvidia = NativeFixtures.nvidiaRoot535().resolve("usr/lib/x86_64-linux-gnu/nvidia/current");
        Path lib = Files.createDirectories(root.resolve("opt/nvidia-535/lib"));
        // Only the versioned files: ldconfig itself makes the soname links, as on a real install.
        for (String file : List.of("libcuda.so.535.309.01", "libnvidia-ml.so.535.309.01")) {
            Files.copy(nvidia.resolve(file), lib.resolve(file));
        }
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/ld.so.conf"), "/opt/nvidia-535/lib\n");
        runLdconfig(ldconfig, root);
        LibraryLocator locator = new LibraryLocator(root, HostArch.X86_64);

        assertThat(locator.ldSoCache().status()).isEqualTo(LdSoCache.Status.OK);
        assertThat(locator.ldSoCache().entries()).contains(
                new LdSoCacheEntry("libcuda.so.1", "/opt/nvidia-535/lib/libcuda.so.1", LdSoCacheEntry.X86_64_LIBC6),
                new LdSoCacheEntry("libnvidia-ml.so.1", "/opt/nvidia-535/lib/libnvidia-ml.so.1", LdSoCacheEntry.X86_64_LIBC6));
        LibraryCandidate chosen = locator.locate(NvidiaLibrary.CUDA).chosen().orElseThrow();
        assertThat(chosen.foundBy()).isEqualTo("ld.so.cache");
        assertThat(chosen.path()).isEqualTo(Path.of("/opt/nvidia-535/lib/libcuda.so.1"));
        assertThat(chosen.realPath()).isEqualTo(Path.of("/opt/nvidia-535/lib/libcuda.so.535.309.01"));
        assertThat(chosen.version()).contains("535.309.01");
        assertThat(chosen.fileOnDisk()).isEqualTo(lib.resolve("libcuda.so.535.309.01"));
    }

    private static Path ldconfig() {
        Stream<String> path = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"));
        Optional<Path> found = Stream.concat(Stream.of("/sbin", "/usr/sbin"), path)
                .filter(folder -> !folder.isEmpty())
                .map(folder -> Path.of(folder, "ldconfig"))
                .filter(Files::isExecutable)
                .findFirst();
        assumeTrue(found.isPresent(), "ldconfig not found: cannot write a real ld.so.cache");
        return found.orElseThrow();
    }

    private static void runLdconfig(Path ldconfig, Path root) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(ldconfig.toString(), "-r", root.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ldconfig finished").isTrue();
        if (process.exitValue() != 0) {
            // ldconfig -r chroots, which needs root: elsewhere the test cannot run, here it must.
            assumeTrue("root".equals(System.getProperty("user.name")), "ldconfig -r needs root: " + output);
        }
        assertThat(process.exitValue()).as("ldconfig -r %s: %s", root, output).isZero();
    }
}
