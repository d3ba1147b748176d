package io.gpudoctor.agent.host.proc;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.host.HostFileReader;
import io.gpudoctor.agent.host.HostPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTableProbeTest {

    @TempDir
    Path root;

    private void process(int pid, String comm, long startTicks) throws IOException {
        Path dir = Files.createDirectories(root.resolve("proc/" + pid));
        Files.writeString(dir.resolve("comm"), comm + "\n");
        Files.writeString(dir.resolve("stat"), pid + " (" + comm + ") S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 "
                + startTicks + " 0 0");
    }

    @Test
    void processesAreNamedAndDatedFromBootTime() throws IOException {
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/stat"), "btime 1763884800\n");
        process(812, "dockerd", 250);
        process(990, "nv-fabricmanage", 300); // the kernel keeps 15 characters of "nv-fabricmanager"

        ProcessTable table = new ProcessTableProbe().probe(new HostFileReader(HostPaths.of(root)));

        assertThat(table.oldest("dockerd").orElseThrow().started()).contains(Instant.ofEpochSecond(1763884802, 500_000_000));
        assertThat(table.running("nv-fabricmanager")).isTrue();
        assertThat(table.running("containerd")).isFalse();
    }

    @Test
    void entriesThatAreNotProcessesOrHaveVanishedAreSkipped() throws IOException {
        Files.createDirectories(root.resolve("proc/self"));
        Files.createDirectories(root.resolve("proc/4242"));
        process(7, "kubelet", 1);

        ProcessTable table = new ProcessTableProbe().probe(new HostFileReader(HostPaths.of(root)));

        assertThat(table.processes()).extracting(HostProcess::comm).containsExactly("kubelet");
        assertThat(table.processes().get(0).started()).isEmpty();
    }
}
