package io.gpudoctor.agent.container.attribution;

import io.gpudoctor.agent.container.ContainerResolver;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the fixture roots under {@code host/containers/}. */
class ProcessOriginReaderTest {

    private static ProcessOriginReader node(String name) throws Exception {
        Path root = Path.of(ProcessOriginReaderTest.class.getResource("/host/containers/" + name).toURI());
        return new ProcessOriginReader(new ContainerResolver(new HostFileReader(HostPaths.of(root))));
    }

    @Test
    void podProcessesAreNamedWithTheirContainerPodAndNamespace() throws Exception {
        Map<Long, ProcessOrigin> origins = node("k8s-containerd").read(List.of(5150L, 6120L, 5200L));

        assertThat(origins.get(5150L)).isEqualTo(new ProcessOrigin(Optional.of("python"),
                Optional.of(new WorkloadContainer("d41e8c2b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d",
                        "containerd", Optional.of("trainer"), Optional.of("train-job-0"), Optional.of("ml")))));
        assertThat(origins.get(6120L).container().flatMap(WorkloadContainer::pod)).contains("notebook-0");
        assertThat(origins.get(5200L).container().flatMap(WorkloadContainer::name)).contains("sidecar");
        assertThat(origins.keySet()).containsExactly(5150L, 5200L, 6120L);
    }

    @Test
    void processesOfOneContainerAreNamedAlikeWhicheverIsAskedFirst() throws Exception {
        Map<Long, ProcessOrigin> initFirst = node("k8s-containerd").read(List.of(5100L, 5150L));
        Map<Long, ProcessOrigin> workerFirst = node("k8s-containerd").read(List.of(5150L, 5100L));

        assertThat(initFirst.get(5150L).container()).isPresent().isEqualTo(initFirst.get(5100L).container())
                .isEqualTo(workerFirst.get(5100L).container());
    }

    @Test
    void aDockerProcessIsNamedByItsDockerName() throws Exception {
        ProcessOrigin origin = node("docker-cgroupfs").read(List.of(3100L)).get(3100L);

        assertThat(origin.container().map(WorkloadContainer::name)).contains(Optional.of("notebook"));
        assertThat(origin.container().map(WorkloadContainer::runtime)).contains("docker");
        assertThat(origin.container().map(WorkloadContainer::shortId)).contains("5c1e0f3a9b7d");
    }

    @Test
    void aHostProcessHasANameButNoContainerAndAGoneOneHasNeither() throws Exception {
        Map<Long, ProcessOrigin> origins = node("k8s-containerd").read(List.of(700L, 31337L, 700L));

        assertThat(origins.get(700L)).isEqualTo(new ProcessOrigin(Optional.of("kubelet"), Optional.empty()));
        assertThat(origins.get(31337L)).isEqualTo(ProcessOrigin.UNKNOWN);
    }

    @Test
    void theReaderFeedsTheAttributionEndToEnd() throws Exception {
        Map<Long, ProcessOrigin> origins = node("k8s-containerd").read(List.of(5100L, 5150L, 700L));
        List<GpuProcessUse> uses = List.of(new GpuProcessUse(0, "GPU-0", 5100, Optional.of(1000L)),
                new GpuProcessUse(0, "GPU-0", 5150, Optional.of(24L)),
                new GpuProcessUse(0, "GPU-0", 700, Optional.of(1L)));

        Attribution a = new GpuMemoryAttribution(GpuMemoryAttribution.DEFAULT_TOP_PROCESSES).attribute(uses, origins);

        assertThat(a.containers()).singleElement().satisfies(c -> {
            assertThat(c.container().name()).contains("trainer");
            assertThat(c.usedMemoryBytes()).isEqualTo(1024L);
            assertThat(c.processes()).isEqualTo(2);
        });
        assertThat(a.processes()).extracting(ProcessMemory::process).containsExactly("python", "python", "kubelet");
    }
    /**
     * A busy node, checked for what it answers rather than timed: thousands of container processes,
     * of which NVML names three; the answer holds exactly those, each with its own container.
     */
    @Test
    void onANodeWithThousandsOfProcessesOnlyTheReportedPidsAreAnswered(@TempDir Path root) throws Exception {
        for (int pid = 10_000; pid < 12_000; pid++) {
            String id = String.format("%064x", pid / 10);
            Path proc = Files.createDirectories(root.resolve("proc/" + pid));
            Files.writeString(proc.resolve("cgroup"), "0::/system.slice/docker-" + id + ".scope\n");
            Files.writeString(proc.resolve("comm"), "worker-" + pid + "\n");
        }

        Map<Long, ProcessOrigin> origins = new ProcessOriginReader(new ContainerResolver(new HostFileReader(HostPaths.of(root))))
                .read(List.of(11_999L, 10_000L, 10_001L));

        assertThat(origins.keySet()).containsExactly(10_000L, 10_001L, 11_999L);
        assertThat(origins.get(11_999L).name()).contains("worker-11999");
        assertThat(origins.get(11_999L).container().map(WorkloadContainer::id)).contains(String.format("%064x", 1199));
        assertThat(origins.get(10_000L).container()).isEqualTo(origins.get(10_001L).container());
    }
    private static void process(Path root, long pid, String comm, long startTicks) throws Exception {
        Path proc = Files.createDirectories(root.resolve("proc/" + pid));
        Files.writeString(proc.resolve("comm"), comm + "\n");
        Files.writeString(proc.resolve("stat"), pid + " (" + comm + ") S 1 " + pid + " " + pid
                + " 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 " + startTicks + " 1 1 1 1 1 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n");
        Files.writeString(proc.resolve("cgroup"), "0::/user.slice/session-3.scope\n");
    }

    @Test
    void aReaderKeptAcrossCyclesRemembersAPidThatStillNamesTheSameProcess(@TempDir Path root) throws Exception {
        process(root, 4242, "python3", 120_000);
        ProcessOriginReader reader = new ProcessOriginReader(new ContainerResolver(new HostFileReader(HostPaths.of(root))));
        reader.read(List.of(4242L));
        // Changed behind the reader's back: only a new start time may make it look again.
        Files.writeString(root.resolve("proc/4242/comm"), "renamed\n");

        assertThat(reader.read(List.of(4242L)).get(4242L).name()).contains("python3");
    }

    @Test
    void aPidReusedByAnotherProcessIsFoundAnew(@TempDir Path root) throws Exception {
        process(root, 4242, "python3", 120_000);
        ProcessOriginReader reader = new ProcessOriginReader(new ContainerResolver(new HostFileReader(HostPaths.of(root))));
        reader.read(List.of(4242L));
        process(root, 4242, "bash", 130_000);

        assertThat(reader.read(List.of(4242L)).get(4242L).name()).contains("bash");
    }

    @Test
    void aPidNotReportedInTheLastCycleIsForgotten(@TempDir Path root) throws Exception {
        process(root, 4242, "python3", 120_000);
        process(root, 4343, "python3", 120_500);
        ProcessOriginReader reader = new ProcessOriginReader(new ContainerResolver(new HostFileReader(HostPaths.of(root))));
        reader.read(List.of(4242L));
        reader.read(List.of(4343L));
        Files.writeString(root.resolve("proc/4242/comm"), "renamed\n");

        assertThat(reader.read(List.of(4242L)).get(4242L).name()).contains("renamed");
    }
}
