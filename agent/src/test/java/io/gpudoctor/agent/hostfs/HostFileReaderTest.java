package io.gpudoctor.agent.hostfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostFileReaderTest {

    @TempDir
    Path root;

    @TempDir
    Path elsewhere;

    private HostFileReader reader() {
        return new HostFileReader(HostPaths.of(root));
    }

    @Test
    void aFileIsReadUnderTheRoot() throws IOException {
        Files.createDirectories(root.resolve("etc/docker"));
        Files.writeString(root.resolve("etc/docker/daemon.json"), "{}");

        HostFile file = reader().read("/etc/docker/daemon.json");

        assertThat(file.status()).isEqualTo(HostFile.Status.OK);
        assertThat(file.text()).isEqualTo("{}");
        assertThat(file.path()).isEqualTo("/etc/docker/daemon.json");
    }

    @Test
    void anAbsoluteLinkInTheHostResolvesInsideTheRootNotOnThisMachine() throws IOException {
        // /var/run -> /run on the host; under --path.rootfs it must lead to ROOT/run, never to our own /run.
        Files.createDirectories(root.resolve("run/cdi"));
        Files.writeString(root.resolve("run/cdi/nvidia.yaml"), "host spec");
        Files.createDirectories(root.resolve("var"));
        Files.createSymbolicLink(root.resolve("var/run"), Path.of("/run"));

        assertThat(reader().read("/var/run/cdi/nvidia.yaml").text()).isEqualTo("host spec");
        assertThat(reader().list("/var/run/cdi")).containsExactly("nvidia.yaml");
        assertThat(reader().exists("/var/run/cdi/nvidia.yaml")).isTrue();
    }

    @Test
    void aLinkCannotClimbOutOfTheRootWithDotDot() throws IOException {
        Files.writeString(elsewhere.resolve("secret"), "outside");
        Files.createDirectories(root.resolve("etc"));
        Path up = root.relativize(elsewhere.resolve("secret"));
        Files.createSymbolicLink(root.resolve("etc/link"), Path.of("../../../../../../../../..").resolve(up));

        HostFile file = reader().read("/etc/link");

        assertThat(file.text()).doesNotContain("outside");
    }

    @Test
    void aMissingFileIsMissing() {
        assertThat(reader().read("/etc/nvidia-container-runtime/config.toml").status())
                .isEqualTo(HostFile.Status.MISSING);
    }

    @Test
    void aFolderIsNotAFile() throws IOException {
        Files.createDirectories(root.resolve("etc/cdi"));

        assertThat(reader().read("/etc/cdi").status()).isEqualTo(HostFile.Status.NOT_A_FILE);
    }

    @Test
    void aFifoIsNotReadSoTheReaderNeverBlocks() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("etc/pipe").toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo unavailable");

        assertThat(reader().read("/etc/pipe").status()).isEqualTo(HostFile.Status.NOT_A_FILE);
    }

    @Test
    void aFileOverTheCapIsTooLarge() throws IOException {
        Files.write(root.resolve("big"), new byte[2048]);

        assertThat(new HostFileReader(HostPaths.of(root), 1024).read("/big").status())
                .isEqualTo(HostFile.Status.TOO_LARGE);
    }

    @Test
    void aSymlinkLoopIsUnreadableNotAnException() throws IOException {
        Files.createSymbolicLink(root.resolve("a"), Path.of("/b"));
        Files.createSymbolicLink(root.resolve("b"), Path.of("/a"));

        HostFile file = reader().read("/a");

        assertThat(file.status()).isEqualTo(HostFile.Status.UNREADABLE);
        assertThat(file.problem()).contains("loop");
    }

    @Test
    void linesAreStreamedPastTheWholeFileCap() throws IOException {
        Files.writeString(root.resolve("big"), "line\n".repeat(300_000) + "last");
        List<String> lines = new ArrayList<>();

        HostFile file = new HostFileReader(HostPaths.of(root)).readLines("/big", 16L << 20, lines::add);

        assertThat(file.isOk()).isTrue();
        assertThat(lines).hasSize(300_001).endsWith("last");
    }

    @Test
    void streamingStopsAtItsCapAndSaysSo() throws IOException {
        Files.writeString(root.resolve("big"), "line\n".repeat(100_000));
        List<String> lines = new ArrayList<>();

        HostFile file = new HostFileReader(HostPaths.of(root)).readLines("/big", 50_000, lines::add);

        assertThat(file.status()).isEqualTo(HostFile.Status.TOO_LARGE);
        assertThat(lines.size()).isLessThan(100_000);
    }
}
