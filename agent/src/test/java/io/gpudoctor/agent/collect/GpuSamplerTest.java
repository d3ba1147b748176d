package io.gpudoctor.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.nvml.NvmlReturn;
import io.gpudoctor.simulate.SimulatedFault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GpuSamplerTest {

    private final SimulatedNode node = SimulatedNode.of("dgx-h100");
    private final GpuSampler sampler = node.sampler(SimulatedNode.settings(), new XidCounter());

    @AfterEach
    void releaseStuckCalls() {
        node.nvml.releaseHangs();
        sampler.close();
    }

    @Test
    void aHealthyCycleReadsEveryGpuFresh() {
        GpuSnapshot snapshot = sampler.cycle();

        assertThat(snapshot.inventory().gpus()).hasSize(8);
        assertThat(snapshot.freshness()).hasSize(8).noneMatch(GpuFreshness::stale);
        assertThat(snapshot.status().success()).isTrue();
        assertThat(snapshot.status().nvmlUp()).isTrue();
        assertThat(snapshot.status().stuckCall()).isEmpty();
        assertThat(snapshot.status().cycles()).isEqualTo(1);
        assertThat(snapshot.inventory().nvml().driverVersion()).contains("550.90.07");
    }

    @Test
    void theDgxPodsMemoryIsAttributedPerContainer() {
        GpuSnapshot snapshot = sampler.cycle();

        assertThat(snapshot.attribution().containers()).hasSizeGreaterThan(1)
                .allSatisfy(c -> assertThat(c.usedMemoryBytes()).isPositive());
        assertThat(snapshot.attribution().containers()).anySatisfy(c -> assertThat(c.container().pod()).isPresent());
    }

    @Test
    void everyCycleGivesTheDgxPodsTheirUtilizationPerGpuExceptOnTheMigGpu() {
        sampler.cycle();
        GpuSnapshot second = sampler.cycle();

        // NVML has no per-process samples for a GPU in MIG mode (dgx-h100's GPU 7): no figure, not 0.
        assertThat(second.attribution().containerUtilization())
                .extracting(c -> c.gpu() + "/" + c.container().id())
                .containsExactlyElementsOf(second.attribution().containers().stream().filter(c -> c.gpu() != 7)
                        .map(c -> c.gpu() + "/" + c.container().id()).toList());
        assertThat(second.attribution().containerUtilization()).allSatisfy(c -> assertThat(c.smRatio()).isPositive());
    }

    @Test
    void aCallThatNeverReturnsEndsTheCycleSoonAfterItsDeadline() {
        sampler.cycle();
        node.nvml.inject(SimulatedFault.hang("memoryInfo", 3));
        node.nextInterval();

        long started = System.nanoTime();
        GpuSnapshot snapshot = sampler.cycle();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(SimulatedNode.DEADLINE.plusSeconds(1));
        assertThat(snapshot.status().stuckCall()).contains("memoryInfo");
        assertThat(snapshot.status().success()).isFalse();
        assertThat(snapshot.status().nvmlUp()).isFalse();
    }

    @Test
    void aGpuWhoseCallHungKeepsItsLastGoodReadingWithItsAge() {
        GpuReading before = sampler.cycle().inventory().gpus().get(3);
        node.nvml.inject(SimulatedFault.hang("memoryInfo", 3));
        node.nextInterval();

        GpuSnapshot snapshot = sampler.cycle();

        GpuFreshness gpu3 = snapshot.freshnessOf(3).orElseThrow();
        assertThat(gpu3.stale()).isTrue();
        assertThat(gpu3.staleBecause().orElseThrow()).contains("memoryInfo").contains("HUNG");
        assertThat(gpu3.age(snapshot.collectedAt())).isEqualTo(SimulatedNode.INTERVAL);
        assertThat(snapshot.inventory().gpus().get(3).memory()).isEqualTo(before.memory());
        assertThat(snapshot.inventory().gpus().get(3).uuid()).isEqualTo(before.uuid());
    }

    @Test
    void gpusReadBeforeTheStuckCallAreFreshAndTheOnesAfterItStale() {
        sampler.cycle();
        node.nvml.inject(SimulatedFault.hang("memoryInfo", 3));
        node.nextInterval();

        GpuSnapshot snapshot = sampler.cycle();

        assertThat(snapshot.freshness()).filteredOn(GpuFreshness::stale).extracting(GpuFreshness::gpu)
                .containsExactly(3, 4, 5, 6, 7);
    }

    @Test
    void whileACallIsStuckEveryGpuIsStaleAndNoCallIsMade() {
        sampler.cycle();
        node.nvml.inject(SimulatedFault.hang("memoryInfo", 3));
        node.nextInterval();
        sampler.cycle();
        node.nextInterval();

        long started = System.nanoTime();
        GpuSnapshot snapshot = sampler.cycle();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SimulatedNode.DEADLINE);
        assertThat(snapshot.freshness()).hasSize(8).allMatch(GpuFreshness::stale);
        assertThat(snapshot.freshnessOf(3).orElseThrow().staleBecause().orElseThrow())
                .contains("memoryInfo").contains("no answer for 5 s");
        assertThat(snapshot.inventory().gpus()).allSatisfy(g -> assertThat(g.memory()).isPresent());
    }

    @Test
    void aHundredCyclesBehindAStuckCallLeaveOneStuckNvmlThreadAtMost() {
        long before = liveThreads(GpuSampler.NVML_THREAD);
        sampler.cycle();
        node.nvml.inject(SimulatedFault.hang("memoryInfo", 3));

        for (int i = 0; i < 100; i++) {
            node.nextInterval();
            sampler.cycle();
        }

        assertThat(liveThreads(GpuSampler.NVML_THREAD) - before).isLessThanOrEqualTo(1);
    }

    @Test
    void whenTheStuckCallReturnsTheNextCycleIsFreshAgain() throws InterruptedException {
        sampler.cycle();
        node.nvml.inject(SimulatedFault.hang("memoryInfo", 3));
        node.nextInterval();
        sampler.cycle();

        List<Thread> stuck = SimulatedNode.stuckNvmlThreads();
        node.nvml.releaseHangs();
        for (Thread t : stuck) {
            t.join(Duration.ofSeconds(5).toMillis());
        }
        node.nextInterval();
        GpuSnapshot snapshot = sampler.cycle();

        assertThat(snapshot.freshness()).hasSize(8).noneMatch(GpuFreshness::stale);
        assertThat(snapshot.status().stuckCall()).isEmpty();
        assertThat(snapshot.status().success()).isTrue();
    }

    @Test
    void aLostGpuIsReportedLostWithItsLastReadingWhileTheOthersStayFresh() {
        GpuReading before = sampler.cycle().inventory().gpus().get(2);
        node.nvml.inject(SimulatedFault.error(SimulatedFault.ANY_CALL, 2, NvmlReturn.ERROR_GPU_IS_LOST));

        for (int i = 0; i < 3; i++) {
            node.nextInterval();
            GpuSnapshot snapshot = sampler.cycle();

            assertThat(snapshot.freshness()).filteredOn(GpuFreshness::stale).extracting(GpuFreshness::gpu)
                    .containsExactly(2);
            GpuReading lost = snapshot.inventory().gpus().get(2);
            assertThat(lost.errors()).anySatisfy(e -> assertThat(e.error()).isEqualTo("NVML_ERROR_GPU_IS_LOST"));
            assertThat(lost.pciBusId()).isEqualTo(before.pciBusId());
            assertThat(snapshot.status().nvmlUp()).isTrue();
        }
    }

    @Test
    void nvmlThatCannotStartIsReportedDownWithoutGpus() {
        node.nvml.inject(SimulatedFault.errorEverywhere("init", NvmlReturn.ERROR_DRIVER_NOT_LOADED));

        GpuSnapshot snapshot = sampler.cycle();

        assertThat(snapshot.status().nvmlUp()).isFalse();
        assertThat(snapshot.status().success()).isFalse();
        assertThat(snapshot.inventory().nvml().status()).isEqualTo("NVML_ERROR_DRIVER_NOT_LOADED");
        assertThat(snapshot.inventory().gpus()).isEmpty();
    }

    @Test
    void nvmlIsStartedAgainOnceTheDriverIsBack() {
        SimulatedFault notLoaded = SimulatedFault.errorEverywhere("init", NvmlReturn.ERROR_DRIVER_NOT_LOADED);
        node.nvml.inject(notLoaded);
        sampler.cycle();

        node.nvml.remove(notLoaded);
        node.nextInterval();
        GpuSnapshot snapshot = sampler.cycle();

        assertThat(snapshot.status().nvmlUp()).isTrue();
        assertThat(snapshot.inventory().nvml().status()).isEqualTo("NVML_SUCCESS");
        assertThat(snapshot.freshness()).hasSize(8).noneMatch(GpuFreshness::stale);
    }

    @Test
    void startAttemptsBackOffWhileTheDriverStaysDown() {
        SimulatedFault notLoaded = SimulatedFault.errorEverywhere("init", NvmlReturn.ERROR_DRIVER_NOT_LOADED);
        node.nvml.inject(notLoaded);
        sampler.cycle();
        node.nextInterval();
        sampler.cycle();
        node.nvml.remove(notLoaded);

        node.nextInterval();
        boolean upAfterOneInterval = sampler.cycle().status().nvmlUp();
        node.nextInterval();
        boolean upAfterTwoIntervals = sampler.cycle().status().nvmlUp();

        assertThat(upAfterOneInterval).isFalse();
        assertThat(upAfterTwoIntervals).isTrue();
    }

    @Test
    void gpusReadBeforeTheDriverWentDownAreKeptStale() {
        sampler.cycle();
        node.nvml.inject(SimulatedFault.errorEverywhere(SimulatedFault.ANY_CALL, NvmlReturn.ERROR_DRIVER_NOT_LOADED));
        node.nextInterval();
        sampler.cycle();
        node.nextInterval();

        GpuSnapshot snapshot = sampler.cycle();

        assertThat(snapshot.status().nvmlUp()).isFalse();
        assertThat(snapshot.inventory().gpus()).hasSize(8);
        assertThat(snapshot.freshness()).allMatch(GpuFreshness::stale);
    }

    private static long liveThreads(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name) && t.isAlive())
                .count();
    }

}
