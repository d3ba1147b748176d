package io.gpudoctor.agent.host.kmsg;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelLogProbeTest {

    private static final String XID_79 = "3,1,1,-;NVRM: Xid (PCI:0000:a1:00): 79, pid=1, GPU has fallen off the bus.\n";

    @TempDir
    Path root;

    private KernelLog probe(Optional<Path> file) {
        return new KernelLogProbe(file).probe(new HostFileReader(HostPaths.of(root)));
    }

    @Test
    void aPlainFileWhereTheHostHasDevKmsgIsReadAsTheLog() throws IOException {
        Files.createDirectories(root.resolve("dev"));
        Files.writeString(root.resolve("dev/kmsg"), XID_79);

        KernelLog log = probe(Optional.empty());

        assertThat(log.source()).isEqualTo("/dev/kmsg");
        assertThat(log.problem()).isEmpty();
        assertThat(log.events().xids()).extracting(XidRecord::xid).containsExactly(79);
    }

    @Test
    void aFileGivenWithKmsgPathIsReadInsteadOfTheHostLog() throws IOException {
        Path saved = Files.writeString(root.resolve("dmesg.txt"), "[  1.0] NVRM: Xid (PCI:0000:18:00): 48, DBE\n");

        KernelLog log = probe(Optional.of(saved));

        assertThat(log.source()).isEqualTo(saved.toString());
        assertThat(log.events().xids()).extracting(XidRecord::xid).containsExactly(48);
    }

    @Test
    void aMissingLogIsAProblemNotAnException() {
        KernelLog log = probe(Optional.empty());

        assertThat(log.problem()).contains("no such file");
        assertThat(log.events()).isEqualTo(KernelLogEvents.NONE);
    }

    @Test
    void aFolderGivenAsTheLogIsAProblem() {
        assertThat(probe(Optional.of(root)).problem()).contains("not a regular file");
    }

    @Test
    void ofAHugeLogOnlyTheNewestPartIsReadFromALineStart() throws IOException {
        Path saved = root.resolve("huge.log");
        byte[] filler = "NVRM: Xid (PCI:0000:01:00): 13, old noise\n".repeat(KernelLogProbe.TAIL_BYTES / 30)
                .getBytes(StandardCharsets.UTF_8);
        Files.write(saved, filler);
        Files.writeString(saved, XID_79, java.nio.file.StandardOpenOption.APPEND);

        KernelLog log = probe(Optional.of(saved));

        assertThat(log.events().xids()).last().extracting(XidRecord::xid).isEqualTo(79);
        assertThat(log.events().xids()).allSatisfy(x -> assertThat(x.message()).isIn("old noise",
                "pid=1, GPU has fallen off the bus."));
        assertThat(log.events().xids().size()).isLessThan(filler.length / 40);
    }
}
