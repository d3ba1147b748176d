package io.gpudoctor.saferoot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** File descriptors, the pid-reuse guard, and what a closed reader answers. */
class SafeRootReaderLifecycleTest {

    /** The JVM opens a few fds of its own now and then (class files, jars); a leak here would be thousands. */
    private static final long FD_SLACK = 8;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ResolveStrategy.class)
    void thousandsOfReadsOfEveryOutcomeLeaveNoFileDescriptorOpen(ResolveStrategy strategy) throws Exception {
        ContainerRoot container = new ContainerRoot(dir);
        container.file("etc/ok", "fine");
        container.file("dir/inner", "");
        container.link("loop", "loop");
        container.link("escape", "../../../../../../host-secret.txt");
        container.link("abs/nested/link", "/dir/../etc/ok");
        container.fifo("pipe");
        try (RandomAccessFile huge = new RandomAccessFile(container.root.resolve("huge").toFile(), "rw")) {
            huge.setLength(4L << 20);
        }
        // Warm up class loading and JNA before counting.
        try (SafeRootReader warm = container.reader(strategy)) {
            warm.read("etc/ok");
            warm.list("dir");
        }
        long before = openFds();

        // Small caps so the loop spends its time opening and closing, not copying megabytes.
        try (SafeRootReader reader = container.reader(strategy, new SafeRootReader.Limits(4096, 16))) {
            for (int i = 0; i < 1000; i++) {
                reader.read("etc/ok");
                reader.read("missing/file");
                reader.read("loop");
                reader.read("escape");
                reader.read("abs/nested/link");
                reader.read("pipe");
                reader.read("dir");
                reader.read("huge");
                reader.list("dir");
                reader.list("etc/ok");
            }
        }

        assertThat(openFds()).isLessThanOrEqualTo(before + FD_SLACK);
    }

    @Test
    void closingTheReaderClosesTheRootAndLaterReadsSaySo() throws Exception {
        ContainerRoot container = new ContainerRoot(dir);
        container.file("etc/ok", "fine");
        SafeRootReader.open(container.root).close();
        long before = openFds();

        SafeRootReader reader = SafeRootReader.open(container.root);
        reader.close();
        reader.close();

        assertThat(openFds()).isLessThanOrEqualTo(before);
        assertThat(reader.read("etc/ok").status()).isEqualTo(SafeStatus.UNREADABLE);
        assertThat(reader.list("etc").status()).isEqualTo(SafeStatus.UNREADABLE);
    }

    @Test
    void aRootThatIsNoFolderCannotBeOpened() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> SafeRootReader.open(file)).isInstanceOf(IOException.class).hasMessageContaining(file.toString());
        assertThatThrownBy(() -> SafeRootReader.open(dir.resolve("absent"))).isInstanceOf(IOException.class);
    }

    @Test
    void theTestJvmsOwnPidIsStillTheSameProcessAndItsRootCanBeRead() throws Exception {
        long pid = ProcessHandle.current().pid();
        Path hostFile = Files.writeString(dir.resolve("mine.txt"), "seen through /proc/pid/root");

        try (SafeRootReader reader = SafeRootReader.forPid(Path.of("/proc"), pid)) {
            assertThat(reader.stillSameProcess()).isTrue();
            assertThat(reader.read(hostFile.toString()).text()).isEqualTo("seen through /proc/pid/root");
        }
    }

    @Test
    void aPidReusedByAnotherProcessIsNoLongerTheSameProcess() throws Exception {
        Path procRoot = dir.resolve("proc");
        Path process = Files.createDirectories(procRoot.resolve("4242"));
        Files.createDirectories(process.resolve("root"));
        Files.writeString(process.resolve("stat"), stat("python3", 81_000));

        try (SafeRootReader reader = SafeRootReader.forPid(procRoot, 4242)) {
            assertThat(reader.stillSameProcess()).isTrue();

            Files.writeString(process.resolve("stat"), stat("python3", 95_500));
            assertThat(reader.stillSameProcess()).isFalse();

            Files.delete(process.resolve("stat"));
            assertThat(reader.stillSameProcess()).isFalse();
        }
    }

    @Test
    void aPidWithNoProcessCannotBeOpened() {
        assertThatThrownBy(() -> SafeRootReader.forPid(dir, 4242)).isInstanceOf(IOException.class).hasMessageContaining("4242");
    }

    @Test
    void aReaderOnAFolderHasNoProcessToOutlive() throws Exception {
        try (SafeRootReader reader = SafeRootReader.open(dir)) {
            assertThat(reader.stillSameProcess()).isTrue();
        }
    }

    private static String stat(String comm, long startTime) {
        // Fields 1..22 of proc_pid_stat(5); only the 22nd (starttime) matters here.
        return "4242 (" + comm + ") S 1 4242 4242 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 " + startTime + " 1000 10\n";
    }

    private static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
