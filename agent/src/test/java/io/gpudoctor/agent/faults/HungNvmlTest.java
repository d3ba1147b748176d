package io.gpudoctor.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.simulate.SimulatedFault;
import io.gpudoctor.nvml.NvmlReturn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NVML calls that never return: on one GPU, on every GPU's first call, on nvmlInit_v2 itself. */
class HungNvmlTest {

    private static final int SCRAPES_UNDER_HANG = 100;
    private static final int HANG_CYCLES = 10;

    /** nvmlInit_v2 is a call about no GPU: only a fault on every GPU reaches it. */
    private static final SimulatedFault HUNG_INIT = new SimulatedFault("init", OptionalInt.empty(),
            SimulatedFault.Kind.HANG, NvmlReturn.SUCCESS, Duration.ZERO);

    @TempDir
    Path folder;

    @Test
    void aHungCallLeavesEveryRouteAnsweringWithCollectionFailedAndOneStuckThread() throws Exception {
        try (FaultyNode node = FaultyNode.simulated("dgx-h100", folder).ready();
             Scrapers scrapers = Scrapers.start(node, 3, ServingAssertions.ROUTES)) {
            node.await("/metrics", a -> a.sample("gpu_doctor_collection_success ").equals(Optional.of("1")));
            DaemonResources before = node.resources();

            node.nvml().inject(SimulatedFault.hang("memoryInfo", 3));
            Answer failed = node.await("/metrics", a -> a.stale(3));
            boolean scraped = scrapers.awaitMore("/metrics", SCRAPES_UNDER_HANG);
            DaemonResources after = node.resources();
            Answer diagnosis = node.await("/diagnose", a -> a.body().contains("\"NVML_CALL_HUNG\""));
            scrapers.close();

            assertThat(scraped).as("%d scrapes under the hang", SCRAPES_UNDER_HANG).isTrue();
            assertThat(failed.sample("gpu_doctor_collection_success ")).hasValue("0");
            assertThat(failed.samples("nvidia_gpu_memory_used_bytes")).isEqualTo(8);
            assertThat(diagnosis.body()).contains("\"NVML_CALL_HUNG\"");
            ServingAssertions.servedThroughout(scrapers.tally());
            ServingAssertions.leakedNothing(before, after);
            FaultFigures.of("an NVML call that never returns (memoryInfo on GPU 3), "
                            + SCRAPES_UNDER_HANG + " scrapes of /metrics under it", scrapers.tally(), before, after)
                    .write("hung-call");
        }
    }

    @Test
    void manyHangsThatEndLeaveNoThreadOrFileBehind() throws Exception {
        try (FaultyNode node = FaultyNode.simulated("dgx-h100", folder).ready();
             Scrapers scrapers = Scrapers.start(node, 3, ServingAssertions.ROUTES)) {
            node.await("/metrics", a -> !a.stale(3));
            DaemonResources before = node.resources();

            for (int cycle = 0; cycle < HANG_CYCLES; cycle++) {
                SimulatedFault hang = SimulatedFault.hang("memoryInfo", 3);
                node.nvml().inject(hang);
                assertThat(node.await("/metrics", a -> a.stale(3)).stale(3)).as("cycle %d hung", cycle).isTrue();
                node.nvml().remove(hang);
                assertThat(node.await("/metrics", a -> !a.stale(3)).stale(3)).as("cycle %d back", cycle).isFalse();
            }
            DaemonResources after = node.resources();
            scrapers.close();

            ServingAssertions.servedThroughout(scrapers.tally());
            ServingAssertions.leakedNothing(before, after);
            FaultFigures.of(HANG_CYCLES + " hangs of memoryInfo on GPU 3, each released once the GPU went stale",
                    scrapers.tally(), before, after).write("hung-call-cycles");
        }
    }

    @Test
    void aHungInitLeavesTheDaemonServingWithNvmlDown() throws Exception {
        try (FaultyNode node = FaultyNode.simulated("dgx-h100", folder, HUNG_INIT).ready();
             Scrapers scrapers = Scrapers.start(node, 3, ServingAssertions.ROUTES)) {
            DaemonResources before = node.resources();
            boolean scraped = scrapers.awaitMore("/metrics", SCRAPES_UNDER_HANG);
            Answer metrics = node.get("/metrics");
            Answer diagnosis = node.await("/diagnose", a -> a.body().contains("\"NVML_INIT_FAILED\""));
            DaemonResources after = node.resources();
            scrapers.close();

            assertThat(scraped).as("%d scrapes under the hang", SCRAPES_UNDER_HANG).isTrue();
            assertThat(metrics.sample("gpu_doctor_nvml_up ")).hasValue("0");
            assertThat(diagnosis.body()).contains("\"NVML_INIT_FAILED\"");
            ServingAssertions.servedThroughout(scrapers.tally());
            ServingAssertions.leakedNothing(before, after);
            FaultFigures.of("nvmlInit_v2 never returning, from the start; " + SCRAPES_UNDER_HANG
                    + " scrapes of /metrics under it", scrapers.tally(), before, after).write("hung-init");
        }
    }

    @Test
    void aHungInitThatReturnsBringsEveryGpuBack() throws Exception {
        try (FaultyNode node = FaultyNode.simulated("dgx-h100", folder, HUNG_INIT).ready()) {
            node.await("/metrics", a -> a.sample("gpu_doctor_nvml_up ").equals(Optional.of("0")));

            node.nvml().releaseHangs();

            Answer back = node.await("/metrics", a -> a.samples("nvidia_gpu_memory_used_bytes") == 8);
            assertThat(back.sample("gpu_doctor_nvml_up ")).hasValue("1");
            assertThat(back.samples("nvidia_gpu_memory_used_bytes")).isEqualTo(8);
        }
    }

    @Test
    void aHungInitThatReturnsLeavesNvmlInitialisedOncePerSession() throws Exception {
        try (FaultyNode node = FaultyNode.simulated("dgx-h100", folder, HUNG_INIT).ready()) {
            node.await("/metrics", a -> a.sample("gpu_doctor_nvml_up ").equals(Optional.of("0")));

            node.nvml().releaseHangs();
            node.await("/metrics", a -> a.samples("nvidia_gpu_memory_used_bytes") == 8);

            assertThat(node.nvml().references()).as("inits not balanced by a shutdown: the sampler's and the"
                    + " Xid watcher's sessions hold one each").isEqualTo(2);
        }
    }
}
