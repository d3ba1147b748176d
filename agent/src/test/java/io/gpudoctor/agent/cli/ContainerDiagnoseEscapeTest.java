package io.gpudoctor.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gpudoctor.saferoot.SafeRead;
import io.gpudoctor.saferoot.SafeRootReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The escape suite through the whole diagnosis: the container's {@code torch/version.py} is made
 * every hostile thing an image can hold, and {@code diagnose --container} must still complete with
 * not a byte of the host's file in its JSON or its text. The host file is a CPU-only torch whose
 * version is the marker: read by mistake, it would surface in a CONTAINER_CPU_ONLY_FRAMEWORK
 * finding, as {@link #theMarkerShowsWhenTheContainerReallyHoldsIt} proves the suite can see.
 */
class ContainerDiagnoseEscapeTest {

    private static final String MARKER = "HOSTLEAKc0ffee42";
    private static final Duration NO_HANG = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    Path hostFile;
    ContainerNode node;

    @BeforeEach
    void buildNode() throws IOException {
        hostFile = Files.writeString(dir.resolve("host-torch-version.py"),
                "__version__ = '2.4.0+cpu." + MARKER + "'\ncuda: Optional[str] = None\n");
        node = new ContainerNode(dir.resolve("node"));
    }

    private Path torch() {
        return node.containerRoot.resolve(ContainerNode.TORCH);
    }

    private void replaceTorchWithLink(String target) throws IOException {
        Files.delete(torch());
        Files.createSymbolicLink(torch(), Path.of(target));
    }

    /** Both formats complete (exit 0 or 1, something printed) and neither holds the marker. */
    private void assertCompletesWithoutMarker() {
        for (String format : List.of("json", "text")) {
            CliRun run = assertTimeoutPreemptively(NO_HANG, () -> node.diagnose("trainer", format));
            assertThat(run.exitCode()).as(run.err()).isIn(0, 1);
            assertThat(run.out()).isNotEmpty().doesNotContain(MARKER.substring(0, 8));
            assertThat(run.err()).doesNotContain(MARKER.substring(0, 8));
        }
    }

    @Test
    void theMarkerShowsWhenTheContainerReallyHoldsIt() throws IOException {
        Files.copy(hostFile, torch(), StandardCopyOption.REPLACE_EXISTING);

        assertThat(node.diagnose("trainer").out()).contains(MARKER);
    }

    @Test
    void anAbsoluteSymlinkToTheHostFile() throws IOException {
        replaceTorchWithLink(hostFile.toString());

        assertCompletesWithoutMarker();
    }

    @Test
    void aRelativeDotDotChainClimbingToTheHostFile() throws IOException {
        replaceTorchWithLink("../".repeat(30) + hostFile.toString().substring(1));

        assertCompletesWithoutMarker();
    }

    @Test
    void aLinkThroughProcSelf() throws IOException {
        replaceTorchWithLink("/proc/self/root" + hostFile);
        Files.createSymbolicLink(node.containerRoot.resolve("usr/local/cuda/version.txt"),
                Path.of("/proc/self/cwd/" + dir.relativize(hostFile)));

        assertCompletesWithoutMarker();
    }

    @Test
    void aSymlinkLoop() throws IOException {
        replaceTorchWithLink("loop-a");
        Files.createSymbolicLink(torch().resolveSibling("loop-a"), Path.of("version.py"));

        assertCompletesWithoutMarker();
    }

    @Test
    void aFifoWithAWriterHoldingItIsRefusedWithin100Milliseconds() throws Exception {
        Files.delete(torch());
        Process mkfifo = new ProcessBuilder("mkfifo", torch().toString()).redirectErrorStream(true).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
        // A writer keeps the FIFO open, so a reader that opened it blocking would wait for data forever.
        Process writer = new ProcessBuilder("sh", "-c", "exec 3>\"$0\"; sleep 60", torch().toString()).start();
        try {
            node.write();
            try (SafeRootReader reader = SafeRootReader.forPid(node.root.resolve("proc"), ContainerNode.PID)) {
                long start = System.nanoTime();
                SafeRead read = reader.read("/" + ContainerNode.TORCH);
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(100);
                assertThat(read.isOk()).isFalse();
            }
            assertCompletesWithoutMarker();
        } finally {
            writer.destroyForcibly();
        }
    }

    @Test
    void aFolderWhereTheFileIsExpected() throws IOException {
        Files.delete(torch());
        Files.createDirectories(torch().resolve("inner"));
        Files.copy(hostFile, torch().resolve("inner/version.py"));

        assertCompletesWithoutMarker();
    }

    @Test
    void aTenGibSparseFileIsReadOnlyUpToTheCap() throws IOException {
        Files.delete(torch());
        try (RandomAccessFile huge = new RandomAccessFile(torch().toFile(), "rw")) {
            huge.write(Files.readAllBytes(hostFile));
            huge.setLength(10L << 30);
        }
        try (RandomAccessFile compat = new RandomAccessFile(node.file("usr/local/cuda-13.0/compat/libcuda.so.580.65.06",
                "").toFile(), "rw")) {
            compat.setLength(10L << 30);
        }

        assertCompletesWithoutMarker();
    }

    @Test
    void aFileSwappedForASymlinkToTheHostFileWhileDiagnosesRun() throws Exception {
        Path benign = dir.resolve("benign-version.py");
        Files.copy(torch(), benign);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Throwable> swapFailures = new ArrayList<>();
        Thread swapper = new Thread(() -> {
            try {
                while (running.get()) {
                    Path next = dir.resolve("next");
                    Files.deleteIfExists(next);
                    Files.createSymbolicLink(next, hostFile);
                    Files.move(next, torch(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    Files.copy(benign, next, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(next, torch(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                swapFailures.add(e);
            }
        });
        swapper.start();
        try {
            for (int i = 0; i < 10; i++) {
                assertCompletesWithoutMarker();
            }
        } finally {
            running.set(false);
            swapper.join();
        }
        assertThat(swapFailures).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("hostileReferences")
    void aHostileReferenceIsAUsageErrorAndReadsNothingOutsideProc(String ref) throws IOException {
        // Where a REF joined naively to the host root would lead.
        Files.createDirectories(node.root.resolve("etc"));
        Files.copy(hostFile, node.root.resolve("etc/marker"));

        CliRun run = node.diagnose(ref);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString().startsWith("gpu-doctor diagnose: ")
                .hasSizeLessThan(400).doesNotContain(MARKER.substring(0, 8)).doesNotContain("\0");
    }

    static Stream<String> hostileReferences() {
        return Stream.of("../../etc/marker", "/etc/marker", "trainer/../../../etc/marker", "..", "a/b/c/d",
                "trainer\0/../../etc/marker", "t".repeat(10 * 1024), ".*", "[a-z]+", "(trainer|notebook)", "trainer$",
                "^trainer", "tr?iner", "\\d+");
    }
}
