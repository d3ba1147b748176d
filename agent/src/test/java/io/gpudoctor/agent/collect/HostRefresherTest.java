package io.gpudoctor.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Scope;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.doctor.HostDiagnosis;
import io.gpudoctor.nvml.NvmlReturn;
import io.gpudoctor.simulate.SimulatedFault;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HostRefresherTest {

    private SimulatedNode node;
    private GpuSampler sampler;
    private NodeStateStore store;
    private HostRefresher refresher;

    private void start(String scenario, CollectionSettings settings) {
        node = SimulatedNode.of(scenario);
        sampler = node.sampler(settings, new XidCounter());
        HostDiagnosis doctor = new HostDiagnosis(Optional.empty(), settings.callDeadline(), node.clock);
        store = new NodeStateStore(doctor, node.driver, node.paths, settings.memoryHistory(), node.clock);
        refresher = new HostRefresher(doctor, node.paths, settings, store, node.clock);
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
        assertThat(lost.fix()).contains("nvidia-smi --gpu-reset -i 4");
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
}
