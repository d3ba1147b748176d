package io.gpudoctor.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.doctor.HostDiagnosis;
import io.gpudoctor.nvml.NvmlReturn;
import io.gpudoctor.simulate.SimulatedFault;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CollectionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    private final SimulatedNode node = SimulatedNode.of("dgx-h100");
    private Collection collection;

    @AfterEach
    void stop() {
        node.nvml.releaseHangs();
        if (collection != null) {
            collection.close();
        }
    }

    private Collection start(CollectionSettings settings) {
        collection = Collection.start(node.driver, node.host, settings,
                new HostDiagnosis(settings.kernelLog(), settings.callDeadline(), Clock.systemUTC()), Clock.systemUTC());
        return collection;
    }

    private static CollectionSettings fast() {
        return CollectionSettings.defaults().withInterval(Duration.ofMillis(100))
                .withCallDeadline(SimulatedNode.DEADLINE).withDiagnosisInterval(Duration.ofHours(1));
    }

    @Test
    void theFirstCollectionAndHostDiagnosisArriveWithoutWaitingForTheirIntervals() throws InterruptedException {
        NodeStateSource source = start(fast().withInterval(Duration.ofHours(1))).source();

        await(() -> source.current().host().isPresent());

        assertThat(source.current().ready()).isTrue();
        assertThat(source.current().gpus().orElseThrow().inventory().gpus()).hasSize(8);
        assertThat(source.current().host().orElseThrow().verdict()).isEqualTo("ok");
    }

    @Test
    void aGpuLostBetweenDiagnosesIsInTheHostDiagnosisPromptly() throws InterruptedException {
        NodeStateSource source = start(fast()).source();
        await(() -> source.current().host().isPresent());

        node.nvml.inject(SimulatedFault.error(SimulatedFault.ANY_CALL, 6, NvmlReturn.ERROR_GPU_IS_LOST));

        await(() -> source.current().host().orElseThrow().findings().stream()
                .anyMatch(f -> f.code() == FindingCode.GPU_LOST));
    }

    @Test
    void theStateAnswersAtOnceWhileANativeCallIsStuck() throws InterruptedException {
        NodeStateSource source = start(fast().withCallDeadline(Duration.ofSeconds(30))).source();
        await(() -> source.current().ready());
        node.nvml.inject(SimulatedFault.hang("memoryInfo", 0));
        await(CollectionTest::aNativeCallIsStuck);

        long started = System.nanoTime();
        NodeState state = source.current();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ONE_SECOND);
        assertThat(state.ready()).isTrue();
    }

    @Test
    void closingReturnsPromptlyWhileANativeCallIsStuck() throws InterruptedException {
        NodeStateSource source = start(fast().withCallDeadline(Duration.ofSeconds(30))).source();
        await(() -> source.current().ready());
        node.nvml.inject(SimulatedFault.hang("memoryInfo", 0));
        await(CollectionTest::aNativeCallIsStuck);

        long started = System.nanoTime();
        collection.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ONE_SECOND);
        await(() -> threads(Collection.SAMPLER_THREAD, HostRefresher.THREAD, XidEventWatcher.THREAD).isEmpty());
    }

    @Test
    void aSnapshotAfterAStuckCallSaysWhichCall() throws InterruptedException {
        NodeStateSource source = start(fast()).source();
        await(() -> source.current().ready());

        node.nvml.inject(SimulatedFault.hang("powerUsageMilliwatts", 2));

        await(() -> source.current().gpus().orElseThrow().status().stuckCall().isPresent());
        assertThat(source.current().gpus().orElseThrow().status().stuckCall()).contains("powerUsage");
    }

    @Test
    void theBrokenNodesXid79ShowsUpAsACount() throws InterruptedException {
        SimulatedNode broken = SimulatedNode.of("broken-node");
        collection = Collection.start(broken.driver, broken.host, fast(),
                new HostDiagnosis(Optional.empty(), fast().callDeadline(), Clock.systemUTC()), Clock.systemUTC());
        NodeStateSource source = collection.source();

        await(() -> source.current().gpus().map(g -> g.xids().stream()
                .anyMatch(x -> x.gpu() == 2 && x.xid() == 79 && x.count() == 1)).orElse(false));
    }

    private static boolean aNativeCallIsStuck() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().equals(GpuSampler.NVML_THREAD))
                .anyMatch(e -> List.of(e.getValue()).stream()
                        .anyMatch(f -> f.getClassName().endsWith("FaultInjector")));
    }

    private static List<Thread> threads(String... names) {
        List<String> wanted = List.of(names);
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> wanted.contains(t.getName()) && t.isAlive())
                .toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long giveUp = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < giveUp) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition met within %s", PATIENCE).isTrue();
    }
}
