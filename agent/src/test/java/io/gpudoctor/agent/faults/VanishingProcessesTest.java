package io.gpudoctor.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processes NVML reports exit and come back while the daemon reads their {@code /proc}
 * entries: each round takes every GPU process's folder away file by file, or puts it back file by
 * file, so that reads find a folder half gone or half there.
 */
class VanishingProcessesTest {

    /**
     * dgx-h100's GPU processes: six torchrun workers of one container, a Triton server in another, and
     * an embedding service in a MIG instance.
     */
    private static final List<Long> GPU_PIDS = LongStream.concat(LongStream.rangeClosed(48211, 48216),
            LongStream.of(51002, 53117)).boxed().toList();
    private static final Duration UNDER_FAULT = Duration.ofSeconds(10);
    private static final String CONTAINER_MEMORY = "nvidia_gpu_container_memory_used_bytes";

    @TempDir
    Path folder;

    @Test
    void everyRouteKeepsAnsweringWhileGpuProcessesVanishAndComeBack() throws Exception {
        try (FaultyNode node = FaultyNode.simulated("dgx-h100", folder).ready();
             Scrapers scrapers = Scrapers.start(node, 3, routes())) {
            List<HostTree> processes = processes(node.root());
            Thread.sleep(500);
            DaemonResources before = node.resources();

            long rounds;
            try (FaultLoop loop = FaultLoop.start("vanishing-processes", round -> {
                for (HostTree process : processes) {
                    if (round % 2 == 0) {
                        process.remove();
                    } else {
                        process.restore();
                    }
                }
            })) {
                Thread.sleep(UNDER_FAULT.toMillis());
                rounds = loop.rounds();
            }
            for (HostTree process : processes) {
                process.restore();
            }
            DaemonResources after = node.resources();
            scrapers.close();

            assertThat(rounds).as("rounds of the fault").isGreaterThan(100);
            ServingAssertions.servedThroughout(scrapers.tally());
            ServingAssertions.leakedNothing(before, after);
            FaultFigures.of("the /proc folders of NVML's " + GPU_PIDS.size() + " GPU processes removed and put back"
                            + " file by file in a loop for " + UNDER_FAULT.toSeconds() + " s", scrapers.tally(),
                            before, after)
                    .add("fault_rounds", rounds)
                    .write("vanishing-processes");
        }
    }

    @Test
    void processesThatComeBackAreAttributedToTheirContainersAgain() throws Exception {
        try (FaultyNode node = FaultyNode.simulated("dgx-h100", folder).ready()) {
            long attributed = node.await("/metrics", a -> a.samples(CONTAINER_MEMORY) > 0).samples(CONTAINER_MEMORY);
            List<HostTree> processes = processes(node.root());
            for (HostTree process : processes) {
                process.remove();
            }
            Answer gone = node.await("/metrics", a -> a.samples(CONTAINER_MEMORY) == 0);

            for (HostTree process : processes) {
                process.restore();
            }

            assertThat(gone.samples(CONTAINER_MEMORY)).as("while the processes were gone").isZero();
            assertThat(node.await("/metrics", a -> a.samples(CONTAINER_MEMORY) == attributed).samples(CONTAINER_MEMORY))
                    .isEqualTo(attributed);
        }
    }

    private static List<HostTree> processes(Path root) {
        List<HostTree> trees = new ArrayList<>();
        GPU_PIDS.forEach(pid -> trees.add(HostTree.of(root, "/proc/" + pid)));
        return trees;
    }

    private static List<String> routes() {
        List<String> routes = new ArrayList<>(ServingAssertions.ROUTES);
        routes.add("/api/v1/containers");
        routes.add("/diagnose?container=c46a6bcec4bc");
        return routes;
    }
}
