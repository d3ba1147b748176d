package io.gpudoctor.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.container.ContainerIdentity;
import io.gpudoctor.agent.container.ContainerRefException;
import io.gpudoctor.agent.container.watch.HostWithContainers;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Scope;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.doctor.HostDiagnosis;
import io.gpudoctor.agent.doctor.ProbedHost;
import io.gpudoctor.agent.simulate.ScenarioCopies;
import io.gpudoctor.nvml.NvmlReturn;
import io.gpudoctor.simulate.SimulatedFault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostRefresherTest {

    private static final String NOTEBOOK = HostWithContainers.id('c');

    @TempDir
    Path copy;

    private SimulatedNode node;
    private GpuSampler sampler;
    private NodeStateStore store;
    private HostRefresher refresher;

    private void start(String scenario, CollectionSettings settings) {
        start(scenario, settings, ProbedHost::containerFindings);
    }

    private void start(String scenario, CollectionSettings settings, HostRefresher.ContainerDiagnoser diagnoser) {
        node = SimulatedNode.of(scenario);
        sampler = node.sampler(settings, new XidCounter());
        HostDiagnosis doctor = new HostDiagnosis(Optional.empty(), settings.callDeadline(), node.clock);
        store = new NodeStateStore(doctor, node.driver, node.host, settings.memoryHistory(), node.clock);
        refresher = new HostRefresher(doctor, node.host, settings, store, node.clock, diagnoser);
        store.onContainerDiagnosed(refresher::offer);
    }

    @AfterEach
    void stop() {
        node.nvml.releaseHangs();
        sampler.close();
    }

    @Test
    void beforeTheFirstCollectionNothingIsDiagnosed() {
        start("dgx-h100", SimulatedNode.settings());

        refresher.refresh();

        assertThat(store.current().host()).isEmpty();
    }

    @Test
    void theHostDiagnosisComesFromTheLatestSnapshot() {
        start("dgx-h100", SimulatedNode.settings());
        store.publish(sampler.cycle());

        refresher.refresh();

        assertThat(store.current().host().orElseThrow().verdict()).isEqualTo("ok");
        assertThat(store.current().host().orElseThrow().host().gpus()).hasSize(8);
    }

    @Test
    void aGpuLostSinceTheLastCycleIsGpuLostInTheRefreshedDiagnosis() {
        start("dgx-h100", SimulatedNode.settings());
        store.publish(sampler.cycle());
        node.nvml.inject(SimulatedFault.error(SimulatedFault.ANY_CALL, 4, NvmlReturn.ERROR_GPU_IS_LOST));
        node.nextInterval();
        store.publish(sampler.cycle());

        refresher.refresh();

        Finding lost = store.current().host().orElseThrow().findings().stream()
                .filter(f -> f.code() == FindingCode.GPU_LOST).findFirst().orElseThrow();
        assertThat(lost.severity()).isEqualTo(Severity.ERROR);
        assertThat(lost.title()).contains("GPU 4");
        assertThat(lost.fix()).contains("nvidia-smi -r -i 4");
    }

    @Test
    void aStuckCallIsNvmlCallHungInTheRefreshedDiagnosis() {
        start("dgx-h100", SimulatedNode.settings());
        store.publish(sampler.cycle());
        node.nvml.inject(SimulatedFault.hang("temperatureCelsius", 0));
        node.nextInterval();
        store.publish(sampler.cycle());

        refresher.refresh();

        assertThat(store.current().host().orElseThrow().findings())
                .anySatisfy(f -> assertThat(f.code()).isEqualTo(FindingCode.NVML_CALL_HUNG));
    }

    @Test
    void theComfyuiContainerNeedsANewerDriverThanTheWorkstationHas() {
        start("workstation-rtx4090", SimulatedNode.settings());
        store.publish(sampler.cycle());

        refresher.refresh();

        assertThat(store.current().containers()).singleElement().satisfies(c -> {
            assertThat(c.container().name()).contains("comfyui");
            assertThat(c.findings()).extracting(Finding::code).contains(FindingCode.CUDA_DRIVER_TOO_OLD);
            assertThat(c.findings()).allSatisfy(f -> assertThat(f.scope()).isEqualTo(Scope.CONTAINER));
        });
    }

    @Test
    void everyContainerUsingAGpuOnTheDgxHasItsFindingsEntry() {
        start("dgx-h100", SimulatedNode.settings());
        GpuSnapshot snapshot = sampler.cycle();
        store.publish(snapshot);

        refresher.refresh();

        long usingGpus = snapshot.attribution().containers().stream().map(c -> c.container().id()).distinct().count();
        assertThat(usingGpus).isGreaterThan(1);
        assertThat(store.current().containers()).hasSize((int) usingGpus);
        assertThat(store.current().containers()).extracting(c -> c.container().id()).isSorted();
    }

    @Test
    void containerFindingsStopAtTheirCap() {
        start("dgx-h100", SimulatedNode.settings().withMaxContainerDiagnoses(1));
        store.publish(sampler.cycle());

        refresher.refresh();

        assertThat(store.current().containers()).hasSize(1);
    }

    @Test
    void aRequestedRefreshRunsWithoutWaitingForTheInterval() throws InterruptedException {
        start("dgx-h100", SimulatedNode.settings());
        store.publish(sampler.cycle());
        Thread thread = new Thread(refresher::run, "test-refresher");
        thread.setDaemon(true);
        thread.start();

        refresher.request();

        long giveUp = System.nanoTime() + 10_000_000_000L;
        while (store.current().host().isEmpty() && System.nanoTime() < giveUp) {
            Thread.sleep(10);
        }
        refresher.stop();
        assertThat(store.current().host()).isPresent();
    }

    /** The workstation scenario in a folder of this test's own: its host files are changed. */
    private void startOnACopy() {
        start(ScenarioCopies.copy("workstation-rtx4090", copy).toString(), SimulatedNode.settings());
    }

    /** The same, with the notebook's diagnoses outlasting a short deadline while {@code slow} holds. */
    private SlowNotebook startOnACopyWithASlowNotebook() {
        SlowNotebook slow = new SlowNotebook();
        start(ScenarioCopies.copy("workstation-rtx4090", copy).toString(),
                SimulatedNode.settings().withContainerDeadline(SlowNotebook.DEADLINE), slow);
        return slow;
    }

    /**
     * Diagnoses containers as the daemon does, but the notebook's take twice the deadline while
     * {@code slow} is set, as while the daemon starts on a busy node; counts the notebook's attempts.
     */
    private static final class SlowNotebook implements HostRefresher.ContainerDiagnoser {
        /** Long enough for a fast diagnosis on a loaded machine; a slow one takes twice as long. */
        static final Duration DEADLINE = Duration.ofMillis(500);

        volatile boolean slow = true;
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger returned = new AtomicInteger();

        @Override
        public List<Finding> findings(ProbedHost host, ContainerIdentity identity) {
            if (!identity.id().equals(NOTEBOOK)) {
                return host.containerFindings(identity);
            }
            started.incrementAndGet();
            try {
                if (slow) {
                    Thread.sleep(DEADLINE.multipliedBy(2).toMillis());
                }
                return host.containerFindings(identity);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            } finally {
                returned.incrementAndGet();
            }
        }

        /** Waits until every attempt begun has returned, so that the next one is not refused as still stuck. */
        void awaitReturned() throws InterruptedException {
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (returned.get() < started.get() && System.nanoTime() - end < 0) {
                Thread.sleep(10);
            }
            assertThat(returned.get()).as("attempts returned").isEqualTo(started.get());
        }
    }

    private HostWithContainers.Container brokenNotebook() {
        return new HostWithContainers(node.paths.root()).docker(NOTEBOOK, 31000, "notebook")
                .environ("NVIDIA_VISIBLE_DEVICES=all", "CUDA_VERSION=12.4.1").folder("dev").folder("etc");
    }

    /** The notebook diagnosed by the watch while it lacked its GPU, then given it. */
    private void watchTheBrokenNotebookThenGiveItItsGpu() {
        startOnACopy();
        HostWithContainers.Container notebook = brokenNotebook();
        store.publish(sampler.cycle());
        refresher.refresh();
        giveItsGpu(notebook);
    }

    /** The device nodes the NVIDIA runtime would have injected. */
    private static void giveItsGpu(HostWithContainers.Container container) {
        container.file("dev/nvidiactl").file("dev/nvidia-uvm").file("dev/nvidia0");
    }

    private List<FindingCode> notebookFindings() {
        return store.current().containers().stream().filter(c -> c.container().id().equals(NOTEBOOK))
                .flatMap(c -> c.findings().stream()).map(Finding::code).toList();
    }

    @Test
    void aContainerThatAskedForAGpuIsDiagnosedThoughItUsesNone() {
        startOnACopy();
        brokenNotebook();
        store.publish(sampler.cycle());

        refresher.refresh();

        assertThat(notebookFindings()).containsExactly(FindingCode.CONTAINER_NO_GPU_INJECTED);
        assertThat(store.current().containers()).extracting(c -> c.container().name().orElseThrow())
                .containsExactly("comfyui", "notebook");
    }

    @Test
    void aWatchedContainersFindingsAreKeptUntilTheRediagnoseIntervalPassed() {
        watchTheBrokenNotebookThenGiveItItsGpu();

        refresher.refresh();
        List<FindingCode> kept = notebookFindings();
        node.clock.advance(CollectionSettings.defaults().rediagnoseInterval());
        refresher.refresh();

        assertThat(kept).containsExactly(FindingCode.CONTAINER_NO_GPU_INJECTED);
        assertThat(notebookFindings()).doesNotContain(FindingCode.CONTAINER_NO_GPU_INJECTED);
    }

    @Test
    void aScanBetweenRefreshesDiagnosesAContainerThatJustStarted() {
        startOnACopy();
        store.publish(sampler.cycle());
        refresher.refresh();
        brokenNotebook();

        refresher.scan();

        assertThat(notebookFindings()).containsExactly(FindingCode.CONTAINER_NO_GPU_INJECTED);
    }

    @Test
    void aScanDropsAContainerThatIsGone() {
        startOnACopy();
        brokenNotebook();
        store.publish(sampler.cycle());
        refresher.refresh();
        new HostWithContainers(node.paths.root()).exit(31000);

        refresher.scan();

        assertThat(store.current().containers()).extracting(c -> c.container().id()).doesNotContain(NOTEBOOK)
                .hasSize(1);
    }

    @Test
    void beforeTheFirstRefreshAScanPublishesNothing() {
        startOnACopy();
        brokenNotebook();
        store.publish(sampler.cycle());

        refresher.scan();

        assertThat(store.current().containers()).isEmpty();
    }

    @Test
    void aContainerDiagnosisThatTimedOutWhileTheDaemonStartedIsRetriedAtTheNextScanAndGetsItsRealFindings()
            throws InterruptedException {
        SlowNotebook notebook = startOnACopyWithASlowNotebook();
        brokenNotebook();
        store.publish(sampler.cycle());
        refresher.refresh();
        List<FindingCode> first = notebookFindings();
        notebook.slow = false;
        notebook.awaitReturned();

        node.nextInterval();
        refresher.scan();

        assertThat(first).containsExactly(FindingCode.CHECK_FAILED);
        assertThat(notebookFindings()).containsExactly(FindingCode.CONTAINER_NO_GPU_INJECTED);
    }

    @Test
    void aContainerWhoseDiagnosisKeepsTimingOutIsRetriedLessAndLessOften() throws InterruptedException {
        SlowNotebook notebook = startOnACopyWithASlowNotebook();
        brokenNotebook();
        store.publish(sampler.cycle());
        refresher.refresh();
        List<Integer> attempts = new ArrayList<>();
        for (int scan = 0; scan < 7; scan++) {
            notebook.awaitReturned();
            node.nextInterval();
            refresher.scan();
            attempts.add(notebook.started.get());
        }

        // Retried 1, 2 and 4 intervals after each failure: at the 1st, 3rd and 7th scan.
        assertThat(attempts).containsExactly(2, 2, 3, 3, 3, 3, 4);
        assertThat(notebookFindings()).containsExactly(FindingCode.CHECK_FAILED);
    }

    @Test
    void theAnswerToADiagnoseRequestReplacesTheWatchsOlderFindingsAtTheNextScan() throws ContainerRefException {
        watchTheBrokenNotebookThenGiveItItsGpu();
        node.nextInterval();

        Diagnosis answer = store.diagnoseContainer("notebook");
        refresher.scan();

        assertThat(answer.findings()).extracting(Finding::code).doesNotContain(FindingCode.CONTAINER_NO_GPU_INJECTED);
        assertThat(notebookFindings()).containsExactlyElementsOf(answer.findings().stream()
                .filter(f -> f.scope() == Scope.CONTAINER).map(Finding::code).toList());
    }

    @Test
    void anAnswerThatArrivesAfterTheWatchsFresherFindingsDoesNotReplaceThem() throws ContainerRefException {
        startOnACopy();
        HostWithContainers.Container notebook = brokenNotebook();
        store.publish(sampler.cycle());
        List<Runnable> delivered = new ArrayList<>();
        store.onContainerDiagnosed((identity, findings, at) -> delivered.add(() -> refresher.offer(identity, findings, at)));
        Diagnosis slowAnswer = store.diagnoseContainer("notebook");
        node.nextInterval();
        giveItsGpu(notebook);
        refresher.refresh();
        List<FindingCode> fresh = notebookFindings();

        delivered.forEach(Runnable::run);
        refresher.scan();

        assertThat(slowAnswer.findings()).extracting(Finding::code).contains(FindingCode.CONTAINER_NO_GPU_INJECTED);
        assertThat(fresh).doesNotContain(FindingCode.CONTAINER_NO_GPU_INJECTED);
        assertThat(notebookFindings()).isEqualTo(fresh);
    }
}
