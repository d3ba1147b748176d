package io.gpudoctor.agent.host.proc;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

    @Test
    void theCommandLineOfAContainerdIsReadForItsConfig() throws IOException {
        process(720, "containerd", 10);
        Files.writeString(root.resolve("proc/720/cmdline"),
                "containerd\0-c\0/var/lib/rancher/k3s/agent/etc/containerd/config.toml\0-a\0/run/k3s/containerd/containerd.sock\0");

        ProcessTable table = new ProcessTableProbe().probe(new HostFileReader(HostPaths.of(root)));

        assertThat(table.oldest("containerd").orElseThrow().option("--config", "-c"))
                .contains("/var/lib/rancher/k3s/agent/etc/containerd/config.toml");
    }

    @Test
    void optionsAreReadInEveryFormAndTheLastWins() {
        HostProcess process = new HostProcess(1, "containerd", Optional.empty(),
                List.of("containerd", "--config=/a.toml", "--address", "/run/x.sock", "-c", "/b.toml"));

        assertThat(process.option("--config", "-c")).contains("/b.toml");
        assertThat(process.option("--address", "-a")).contains("/run/x.sock");
        assertThat(process.option("--root", "-r")).isEmpty();
    }
}
