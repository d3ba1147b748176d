package io.gpudoctor.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.nvml.NvmlReturn;
import io.gpudoctor.simulate.SimulatedFault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A driver that answers every call, but only after five seconds: ten times the call deadline. */
class SlowNvmlTest {

    private static final SimulatedFault FIVE_SECONDS_PER_CALL = new SimulatedFault(SimulatedFault.ANY_CALL,
            OptionalInt.empty(), SimulatedFault.Kind.DELAY, NvmlReturn.SUCCESS, Duration.ofSeconds(5));
    /** Long enough for two slow calls to return and the session to be restarted behind them. */
    private static final Duration UNDER_FAULT = Duration.ofSeconds(12);

    @TempDir
    Path folder;

    @Test
    void everyScrapeAnswersInTimeWithTheLastReadingsOfEveryGpu() throws Exception {
        try (FaultyNode node = FaultyNode.simulated("dgx-h100", folder).ready();
             Scrapers scrapers = Scrapers.start(node, 3, ServingAssertions.ROUTES)) {
            node.await("/metrics", a -> a.samples("nvidia_gpu_memory_used_bytes") == 8);
            DaemonResources before = node.resources();

            node.nvml().inject(FIVE_SECONDS_PER_CALL);
            node.await("/metrics", a -> allStale(a));
            Instant end = Instant.now().plus(UNDER_FAULT);
            long answersWithoutAGpu = 0;
            while (Instant.now().isBefore(end)) {
                Answer metrics = node.get("/metrics");
                answersWithoutAGpu += metrics.samples("nvidia_gpu_memory_used_bytes") == 8 ? 0 : 1;
                Thread.sleep(100);
            }
            DaemonResources after = node.resources();
            scrapers.close();

            assertThat(answersWithoutAGpu).as("scrapes missing a GPU's cached reading").isZero();
            ServingAssertions.servedThroughout(scrapers.tally());
            ServingAssertions.leakedNothing(before, after);
            FaultFigures.of("every NVML call answering after 5 s (the call deadline is "
                            + FaultyNode.CALL_TIMEOUT_MS + " ms), for " + UNDER_FAULT.toSeconds() + " s",
                    scrapers.tally(), before, after).write("slow-calls");
        }
    }

    @Test
    void freshReadingsComeBackWhenCallsAreFastAgain() throws Exception {
        try (FaultyNode node = FaultyNode.simulated("dgx-h100", folder).ready()) {
            node.nvml().inject(FIVE_SECONDS_PER_CALL);
            node.await("/metrics", SlowNvmlTest::allStale);

            node.nvml().remove(FIVE_SECONDS_PER_CALL);

            Answer back = node.await("/metrics", a -> a.sample("gpu_doctor_collection_success ")
                    .equals(Optional.of("1")));
            assertThat(back.sample("gpu_doctor_collection_success ")).hasValue("1");
            assertThat(IntStream.range(0, 8).filter(back::stale)).isEmpty();
        }
    }

    private static boolean allStale(Answer metrics) {
        return IntStream.range(0, 8).allMatch(metrics::stale);
    }
}
