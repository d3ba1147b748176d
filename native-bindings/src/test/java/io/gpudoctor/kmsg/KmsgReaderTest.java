package io.gpudoctor.kmsg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KmsgReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsWhatAFifoHoldsAndReturnsAtItsEndInsteadOfBlocking() throws Exception {
        Path fifo = fifo();
        // Held open read-write, the FIFO has a writer, so a blocking read at its end would wait forever.
        try (RandomAccessFile writer = new RandomAccessFile(fifo.toFile(), "rw")) {
            writer.write("6,1,100,-;first\n4,2,200,-;second\n".getBytes(StandardCharsets.UTF_8));

            List<String> lines = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> KmsgReader.read(fifo, KmsgReader.Limits.DEFAULT));

            assertThat(lines).containsExactly("6,1,100,-;first", "4,2,200,-;second");
        }
    }

    @Test
    void anEmptyFifoWithAWriterYieldsNothingAtOnce() throws Exception {
        Path fifo = fifo();
        try (RandomAccessFile writer = new RandomAccessFile(fifo.toFile(), "rw")) {
            List<String> lines = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> KmsgReader.read(fifo, KmsgReader.Limits.DEFAULT));

            assertThat(lines).isEmpty();
        }
    }

    @Test
    void stopsAfterTheReadLimitWhenMoreIsWaiting() throws Exception {
        Path fifo = fifo();
        try (RandomAccessFile writer = new RandomAccessFile(fifo.toFile(), "rw")) {
            writer.write("a\n".repeat(20_000).getBytes(StandardCharsets.UTF_8));

            List<String> lines = KmsgReader.read(fifo, new KmsgReader.Limits(1, 1 << 20, Duration.ofSeconds(1)));

            assertThat(lines).isNotEmpty().hasSizeLessThan(20_000);
        }
    }

    @Test
    void aMissingFileIsAnIoExceptionNamingErrno() {
        assertThatThrownBy(() -> KmsgReader.read(dir.resolve("absent"), KmsgReader.Limits.DEFAULT))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ENOENT");
    }

    @Test
    void readsTheRealKernelLogWithoutBlockingWhereThisProcessMayReadIt() {
        Path kmsg = Path.of("/dev/kmsg");
        assumeTrue(Files.exists(kmsg), "no /dev/kmsg on this machine");

        Optional<List<String>> lines = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> readOrEmpty(kmsg));

        assumeTrue(lines.isPresent(), "/dev/kmsg is not readable by this process");
        assumeTrue(!lines.get().isEmpty(), "/dev/kmsg opened but held nothing readable");
        assertThat(lines.get().get(0)).matches("\\d+,\\d+,\\d+,[^;]*;.*");
    }

    private static Optional<List<String>> readOrEmpty(Path file) {
        try {
            return Optional.of(KmsgReader.read(file, KmsgReader.Limits.DEFAULT));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Path fifo() throws IOException, InterruptedException {
        Path fifo = dir.resolve("kmsg");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available: " + e.getMessage());
            return fifo;
        }
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        return fifo;
    }
}
