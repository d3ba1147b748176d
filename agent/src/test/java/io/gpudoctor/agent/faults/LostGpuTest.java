package io.gpudoctor.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.nvml.NvmlReturn;
import io.gpudoctor.simulate.SimulatedFault;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A GPU that falls off the bus ({@code NVML_ERROR_GPU_IS_LOST} on every call about it) and comes back. */
class LostGpuTest {

    private static final int LOST = 5;
    private static final int CYCLES = 10;
    private static final String LOST_FINDING = "gpu_doctor_finding{code=\"GPU_LOST\"";

    @TempDir
    Path folder;

    @Test
    void aLostGpuIsAFindingAndAStaleReadingWhileTheOthersAreServedFresh() throws Exception {
        try (FaultyNode node = FaultyNode.simulated("dgx-h100", folder).ready();
             Scrapers scrapers = Scrapers.start(node, 3, ServingAssertions.ROUTES)) {
            node.nvml().inject(lost());

            Answer metrics = node.await("/metrics", a -> a.body().contains(LOST_FINDING) && a.stale(LOST));
            Answer diagnosis = node.get("/diagnose");
            scrapers.close();

            assertThat(metrics.body()).contains(LOST_FINDING);
            assertThat(IntStream.range(0, 8).filter(metrics::stale)).containsExactly(LOST);
            assertThat(metrics.sample("gpu_doctor_collection_success ")).hasValue("0");
            assertThat(diagnosis.body()).contains("\"GPU_LOST\"");
            ServingAssertions.servedThroughout(scrapers.tally());
        }
    }

    @Test
    void aGpuLostAndBackTenTimesComesBackEachTimeAndLeavesNothingBehind() throws Exception {
        try (FaultyNode node = FaultyNode.simulated("dgx-h100", folder).ready();
             Scrapers scrapers = Scrapers.start(node, 3, ServingAssertions.ROUTES)) {
            DaemonResources before = node.resources();

            for (int cycle = 0; cycle < CYCLES; cycle++) {
                SimulatedFault fault = lost();
                node.nvml().inject(fault);
                assertThat(node.await("/metrics", a -> a.body().contains(LOST_FINDING)).body())
                        .as("cycle %d lost", cycle).contains(LOST_FINDING);
                node.nvml().remove(fault);
                Answer back = node.await("/metrics", a -> !a.body().contains(LOST_FINDING) && !a.stale(LOST));
                assertThat(back.body()).as("cycle %d back", cycle).doesNotContain(LOST_FINDING);
                assertThat(back.stale(LOST)).as("cycle %d fresh", cycle).isFalse();
            }
            Answer diagnosis = node.await("/diagnose", a -> !a.body().contains("\"GPU_LOST\""));
            DaemonResources after = node.resources();
            scrapers.close();

            assertThat(diagnosis.body()).doesNotContain("\"GPU_LOST\"");
            ServingAssertions.servedThroughout(scrapers.tally());
            ServingAssertions.leakedNothing(before, after);
            FaultFigures.of("GPU " + LOST + " lost (NVML_ERROR_GPU_IS_LOST on every call) and back, " + CYCLES
                    + " times", scrapers.tally(), before, after).write("lost-gpu-cycles");
        }
    }

    private static SimulatedFault lost() {
        return SimulatedFault.error(SimulatedFault.ANY_CALL, LOST, NvmlReturn.ERROR_GPU_IS_LOST);
    }
}
