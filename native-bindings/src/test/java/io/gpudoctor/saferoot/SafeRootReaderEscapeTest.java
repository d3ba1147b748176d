package io.gpudoctor.saferoot;

import static io.gpudoctor.saferoot.ContainerRoot.MARKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every way out of a container root a hostile image could build, against both strategies. */
class SafeRootReaderEscapeTest {

    private static final Duration NO_HANG = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    ContainerRoot container;

    @BeforeEach
    void buildContainer() throws Exception {
        container = new ContainerRoot(dir);
    }

    @ParameterizedTest
    @EnumSource(ResolveStrategy.class)
    void aPlainFileInsideTheRootIsReadInFull(ResolveStrategy strategy) throws Exception {
        container.file("usr/local/cuda/version.json", "{\"cuda\":\"12.2\"}");

        try (SafeRootReader reader = container.reader(strategy)) {
            SafeRead read = reader.read("/usr/local/cuda/version.json");

            assertThat(read.status()).isEqualTo(SafeStatus.OK);
            assertThat(read.text()).isEqualTo("{\"cuda\":\"12.2\"}");
            assertThat(read.problem()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(ResolveStrategy.class)
    void anAbsoluteSymlinkToTheHostFileIsResolvedInsideTheRoot(ResolveStrategy strategy) throws Exception {
        container.link("usr/local/cuda/version.json", container.hostFile.toString());
        // The same absolute path inside the container: what the container itself would see.
        container.file(container.hostFile.toString().substring(1), "container copy");

        try (SafeRootReader reader = container.reader(strategy)) {
            SafeRead read = reader.read("/usr/local/cuda/version.json");

            assertThat(read.status()).isEqualTo(SafeStatus.OK);
            assertThat(read.text()).isEqualTo("container copy");
        }
    }

    @ParameterizedTest
    @EnumSource(ResolveStrategy.class)
    void anAbsoluteSymlinkWithNothingBehindItInsideTheRootIsMissing(ResolveStrategy strategy) throws Exception {
        container.link("etc/os-release", container.hostFile.toString());

        try (SafeRootReader reader = container.reader(strategy)) {
            assertRefused(reader.read("etc/os-release"), SafeStatus.MISSING);
        }
    }

    @ParameterizedTest
    @EnumSource(ResolveStrategy.class)
    void relativeDotDotChainsStopAtTheRoot(ResolveStrategy strategy) throws Exception {
        container.link("a/b/c/escape", "../../../../../../../../../../host-secret.txt");
        container.link("a/b/deep", "../b/../../../../../host-secret.txt");

        try (SafeRootReader reader = container.reader(strategy)) {
            assertRefused(reader.read("a/b/c/escape"), SafeStatus.MISSING);
            assertRefused(reader.read("a/b/deep"), SafeStatus.MISSING);
            assertRefused(reader.read("../../../../../host-secret.txt"), SafeStatus.MISSING);

            container.file("host-secret.txt", "container copy");
            assertThat(reader.read("a/b/c/escape").text()).isEqualTo("container copy");
            assertThat(reader.read("/../../../host-secret.txt").text()).isEqualTo("container copy");
        }
    }

    @ParameterizedTest
    @EnumSource(ResolveStrategy.class)
    void linksThroughProcSelfStayInsideTheRoot(ResolveStrategy strategy) throws Exception {
        container.link("proc-root", "/proc/self/root" + container.hostFile);
        container.link("environ", "/proc/self/environ");
        container.link("proc-cwd", "/proc/self/cwd/../../../../../../../../.." + container.hostFile);

        try (SafeRootReader reader = container.reader(strategy)) {
            assertRefused(reader.read("proc-root"), SafeStatus.MISSING);
            assertRefused(reader.read("environ"), SafeStatus.MISSING);
            assertRefused(reader.read("proc-cwd"), SafeStatus.MISSING);
        }
    }

    @ParameterizedTest
    @EnumSource(ResolveStrategy.class)
    void aRealProcMagicLinkInsideTheRootIsRefused(ResolveStrategy strategy) throws Exception {
        // A root that really holds magic links: this JVM's /proc/<pid>, whose "root" and "cwd" lead to "/".
        Path procSelf = Path.of("/proc", Long.toString(ProcessHandle.current().pid()));

        try (SafeRootReader reader = ContainerRoot.reader(procSelf, strategy, SafeRootReader.Limits.DEFAULT)) {
            assertRefused(reader.read("root" + container.hostFile), SafeStatus.ESCAPE_REFUSED);
            assertRefused(reader.read("cwd/../../../../../../../.." + container.hostFile), SafeStatus.ESCAPE_REFUSED);
            assertThat(reader.list("root" + container.hostFile.getParent()).status()).isEqualTo(SafeStatus.ESCAPE_REFUSED);
        }
    }

    @ParameterizedTest
    @EnumSource(ResolveStrategy.class)
    void aSymlinkLoopIsALoop(ResolveStrategy strategy) throws Exception {
        container.link("loop/a", "b");
        container.link("loop/b", "/loop/a");
        container.link("self", "self");

        try (SafeRootReader reader = assertTimeoutPreemptively(NO_HANG, () -> container.reader(strategy))) {
            assertRefused(assertTimeoutPreemptively(NO_HANG, () -> reader.read("loop/a")), SafeStatus.LOOP);
            assertRefused(assertTimeoutPreemptively(NO_HANG, () -> reader.read("self")), SafeStatus.LOOP);
        }
    }

    @ParameterizedTest
    @EnumSource(ResolveStrategy.class)
    void aFifoIsRefusedAtOnceEvenWithAWriterHoldingIt(ResolveStrategy strategy) throws Exception {
        Path fifo = container.fifo("run/pipe");
        container.link("etc/ld.so.cache", "/run/pipe");

        // Held open read-write the FIFO has a writer, so a blocking open or read would wait forever.
        try (RandomAccessFile writer = new RandomAccessFile(fifo.toFile(), "rw");
             SafeRootReader reader = container.reader(strategy)) {
            writer.write((MARKER + "\n").getBytes(StandardCharsets.UTF_8));

            assertRefused(assertTimeoutPreemptively(NO_HANG, () -> reader.read("run/pipe")), SafeStatus.NOT_REGULAR);
            SafeRead viaLink = assertTimeoutPreemptively(NO_HANG, () -> reader.read("etc/ld.so.cache"));
            assertRefused(viaLink, SafeStatus.NOT_REGULAR);
            assertThat(viaLink.problem()).contains("FIFO");
        }
    }

    @ParameterizedTest
    @EnumSource(ResolveStrategy.class)
    void aSocketOrADeviceIsNeverOpened(ResolveStrategy strategy) throws Exception {
        Path socketPath = container.root.resolve("run/daemon.sock");
        Files.createDirectories(socketPath.getParent());
        container.link("etc/zero", "/../../../../../../dev/zero");

        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             SafeRootReader reader = container.reader(strategy);
             SafeRootReader devices = ContainerRoot.reader(Path.of("/dev"), strategy, SafeRootReader.Limits.DEFAULT)) {
            socket.bind(UnixDomainSocketAddress.of(socketPath));

            assertThat(assertTimeoutPreemptively(NO_HANG, () -> reader.read("run/daemon.sock")).problem()).contains("socket");
            assertThat(reader.read("etc/zero").status()).isEqualTo(SafeStatus.MISSING);
            SafeRead zero = assertTimeoutPreemptively(NO_HANG, () -> devices.read("zero"));
            assertRefused(zero, SafeStatus.NOT_REGULAR);
            assertThat(zero.problem()).contains("character device");
        }
    }

    @ParameterizedTest
    @EnumSource(ResolveStrategy.class)
    void aFolderWhereAFileIsExpectedIsNotRead(ResolveStrategy strategy) throws Exception {
        container.file("etc/nvidia-container-runtime/config.toml/inner", MARKER);

        try (SafeRootReader reader = container.reader(strategy)) {
            SafeRead read = reader.read("etc/nvidia-container-runtime/config.toml");

            assertRefused(read, SafeStatus.NOT_REGULAR);
            assertThat(read.problem()).contains("folder");
        }
    }

    @ParameterizedTest
    @EnumSource(ResolveStrategy.class)
    void nonAsciiNamesInPathsAndLinkTargetsAreFollowedByteForByte(ResolveStrategy strategy) throws Exception {
        container.file("opt/café/日本/version.txt", "ünïcode");
        container.link("usr/share/info", "/opt/café/日本");

        try (SafeRootReader reader = container.reader(strategy)) {
            assertThat(reader.read("usr/share/info/version.txt").text()).isEqualTo("ünïcode");
            assertThat(reader.list("usr/share/info").names()).containsExactly("version.txt");
        }
    }

    @ParameterizedTest
    @EnumSource(ResolveStrategy.class)
    void aPathWithANulByteIsRefusedRatherThanCutShort(ResolveStrategy strategy) throws Exception {
        container.file("etc/ok", "fine");

        try (SafeRootReader reader = container.reader(strategy)) {
            assertRefused(reader.read("etc/ok\0/../../x"), SafeStatus.UNREADABLE);
        }
    }

    @ParameterizedTest
    @EnumSource(ResolveStrategy.class)
    void aPathThroughAFileIsMissing(ResolveStrategy strategy) throws Exception {
        container.file("etc/passwd", "root:x:0:0");

        try (SafeRootReader reader = container.reader(strategy)) {
            assertRefused(reader.read("etc/passwd/x"), SafeStatus.MISSING);
            assertRefused(reader.read("nothing/here"), SafeStatus.MISSING);
        }
    }

    @ParameterizedTest
    @EnumSource(ResolveStrategy.class)
    void aTenGibSparseFileStopsAtTheCap(ResolveStrategy strategy) throws Exception {
        try (RandomAccessFile huge = new RandomAccessFile(container.root.resolve("huge").toFile(), "rw")) {
            huge.setLength(10L << 30);
        }

        try (SafeRootReader reader = container.reader(strategy)) {
            SafeRead read = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> reader.read("/huge"));

            assertThat(read.status()).isEqualTo(SafeStatus.TOO_LARGE);
            assertThat(read.truncated()).isTrue();
            assertThat(read.content()).hasSize(SafeRootReader.Limits.DEFAULT.maxFileBytes());
        }
    }

    @ParameterizedTest
    @EnumSource(ResolveStrategy.class)
    void aPartFarBeyondTheCapOfATenGibSparseFileIsReadAtItsOffset(ResolveStrategy strategy) throws Exception {
        Path huge = container.root.resolve("huge");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(10L << 30);
            file.seek((10L << 30) - 4);
            file.write("tail".getBytes(StandardCharsets.US_ASCII));
        }

        try (SafeRootReader reader = container.reader(strategy)) {
            SafeRead tail = reader.readAt("/huge", (10L << 30) - 4, 64);
            SafeRead past = reader.readAt("/huge", 11L << 30, 64);

            assertThat(tail.status()).isEqualTo(SafeStatus.OK);
            assertThat(tail.text()).isEqualTo("tail");
            assertThat(past.status()).isEqualTo(SafeStatus.OK);
            assertThat(past.content()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(ResolveStrategy.class)
    void aPartialReadIsBoundedByTheCapAndRefusesWhatAWholeReadRefuses(ResolveStrategy strategy) throws Exception {
        container.file("big", "x".repeat(4096));
        container.link("usr/lib/libcuda.so.1", "../../../../../.." + container.hostFile);
        container.fifo("pipe");

        try (SafeRootReader reader = container.reader(strategy, new SafeRootReader.Limits(1024, 16))) {
            assertThat(reader.readAt("/big", 10, 1 << 20).content()).hasSize(1024);
            assertThat(reader.readAt("/big", -1, 10).status()).isEqualTo(SafeStatus.UNREADABLE);
            assertRefused(assertTimeoutPreemptively(NO_HANG, () -> reader.readAt("/pipe", 0, 10)), SafeStatus.NOT_REGULAR);
            ContainerRootAssertions.assertNoMarker(reader.readAt("/usr/lib/libcuda.so.1", 0, 1024));
        }
    }

    @ParameterizedTest
    @EnumSource(ResolveStrategy.class)
    void aFileOfExactlyTheCapIsReadInFull(ResolveStrategy strategy) throws Exception {
        container.file("exact", "12345678");

        try (SafeRootReader reader = container.reader(strategy, new SafeRootReader.Limits(8, 10))) {
            assertThat(reader.read("exact").status()).isEqualTo(SafeStatus.OK);
            container.file("exact", "123456789");
            SafeRead over = reader.read("exact");
            assertThat(over.status()).isEqualTo(SafeStatus.TOO_LARGE);
            assertThat(over.text()).isEqualTo("12345678");
        }
    }

    @ParameterizedTest
    @EnumSource(ResolveStrategy.class)
    void aFileSwappedForASymlinkWhileBeingReadNeverYieldsTheHostFile(ResolveStrategy strategy) throws Exception {
        Path a = container.file("etc/a", "benign");
        Path regular = container.file("etc/a.regular", "benign");
        Path link = container.root.resolve("etc/a.link");
        Files.createSymbolicLink(link, container.hostFile);
        Path relativeLink = container.root.resolve("etc/a.rel");
        Files.createSymbolicLink(relativeLink, Path.of("../../../../../../../../../..").resolve(dir.relativize(container.hostFile)));
        AtomicBoolean stop = new AtomicBoolean();
        Thread flipper = new Thread(() -> {
            Path[] sources = {regular, link, regular, relativeLink};
            try {
                for (int i = 0; !stop.get(); i++) {
                    // Copy then rename over, so "a" always exists and flips atomically.
                    Path source = sources[i % sources.length];
                    Path next = container.root.resolve("etc/a.next");
                    Files.deleteIfExists(next);
                    if (Files.isSymbolicLink(source)) {
                        Files.createSymbolicLink(next, Files.readSymbolicLink(source));
                    } else {
                        Files.copy(source, next);
                    }
                    Files.move(next, a, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<SafeRead> reads = new ArrayList<>();
        try (SafeRootReader reader = container.reader(strategy)) {
            flipper.start();
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                for (int i = 0; i < 3000; i++) {
                    reads.add(reader.read("/etc/a"));
                }
            });
        } finally {
            stop.set(true);
            flipper.join();
        }

        assertThat(reads).allSatisfy(ContainerRootAssertions::assertNoMarker);
        assertThat(reads).extracting(SafeRead::status).containsOnly(SafeStatus.OK, SafeStatus.MISSING).contains(SafeStatus.OK);
    }

    @ParameterizedTest
    @EnumSource(ResolveStrategy.class)
    void aFolderIsListedSortedAndLinksOutOfTheRootListTheContainersFolder(ResolveStrategy strategy) throws Exception {
        container.file("usr/lib/x86_64-linux-gnu/libcuda.so.1", "");
        container.file("usr/lib/x86_64-linux-gnu/libc.so.6", "");
        container.link("host-dir", container.hostFile.getParent().toString());
        container.link("up", "../../../..");

        try (SafeRootReader reader = container.reader(strategy)) {
            SafeListing libs = reader.list("/usr/lib/x86_64-linux-gnu");
            assertThat(libs.status()).isEqualTo(SafeStatus.OK);
            assertThat(libs.names()).containsExactly("libc.so.6", "libcuda.so.1");

            assertThat(reader.list("host-dir").status()).isEqualTo(SafeStatus.MISSING);
            assertThat(reader.list("host-dir").names()).isEmpty();
            assertThat(reader.list("up").names()).containsExactlyInAnyOrder("usr", "host-dir", "up").doesNotContain("host-secret.txt");
            assertThat(reader.list("usr/lib/x86_64-linux-gnu/libc.so.6").status()).isEqualTo(SafeStatus.NOT_DIRECTORY);
        }
    }

    @ParameterizedTest
    @EnumSource(ResolveStrategy.class)
    void aListingStopsAtTheEntryCap(ResolveStrategy strategy) throws Exception {
        for (int i = 0; i < 50; i++) {
            container.file("many/f" + i, "");
        }

        try (SafeRootReader reader = container.reader(strategy, new SafeRootReader.Limits(1024, 20))) {
            SafeListing listing = reader.list("many");

            assertThat(listing.status()).isEqualTo(SafeStatus.TOO_LARGE);
            assertThat(listing.names()).hasSize(20);
        }
    }

    private static void assertRefused(SafeRead read, SafeStatus expected) {
        ContainerRootAssertions.assertNoMarker(read);
        assertThat(read.status()).as(read.problem()).isEqualTo(expected);
        assertThat(read.content()).isEmpty();
        assertThat(read.problem()).isNotEmpty();
    }
}
