package io.gpudoctor.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpudoctor.agent.container.ContainerRefException;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.doctor.HostDiagnosis;
import io.gpudoctor.nvml.NvmlReturn;
import io.gpudoctor.simulate.SimulatedFault;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeStateStoreTest {

    private final SimulatedNode node = SimulatedNode.of("workstation-rtx4090");
    private final GpuSampler sampler = node.sampler(SimulatedNode.settings(), new XidCounter());
    private final NodeStateStore store = new NodeStateStore(
            new HostDiagnosis(Optional.empty(), SimulatedNode.DEADLINE, node.clock), node.driver, node.host, 3,
            node.clock);

    @AfterEach
    void stop() {
        sampler.close();
    }

    @Test
    void theStateIsEmptyBeforeTheFirstCollection() {
        assertThat(store.current()).isEqualTo(NodeState.empty());
        assertThat(store.current().ready()).isFalse();
    }

    @Test
    void aPublishedSnapshotMakesTheStateReady() {
        GpuSnapshot snapshot = sampler.cycle();

        store.publish(snapshot);

        assertThat(store.current().gpus()).contains(snapshot);
        assertThat(store.current().ready()).isTrue();
    }

    @Test
    void theMemoryHistoryKeepsTheNewestSamplesOnly() {
        for (int i = 0; i < 5; i++) {
            store.publish(sampler.cycle());
            node.nextInterval();
        }

        assertThat(store.current().memoryHistory()).hasSize(3)
                .extracting(MemorySample::at)
                .containsExactly(ScenarioStates.AT.plus(SimulatedNode.INTERVAL.multipliedBy(2)),
                        ScenarioStates.AT.plus(SimulatedNode.INTERVAL.multipliedBy(3)),
                        ScenarioStates.AT.plus(SimulatedNode.INTERVAL.multipliedBy(4)));
    }

    @Test
    void aMemorySampleLeavesOutAGpuWhoseReadingIsStale() {
        store.publish(sampler.cycle());
        node.nvml.inject(SimulatedFault.error(SimulatedFault.ANY_CALL, 0, NvmlReturn.ERROR_GPU_IS_LOST));
        node.nextInterval();

        store.publish(sampler.cycle());

        assertThat(store.current().memoryHistory()).extracting(m -> m.usedBytes().containsKey(0))
                .containsExactly(true, false);
    }

    @Test
    void aContainerIsDiagnosedWithTheGpusAsLastCollected() throws ContainerRefException {
        store.publish(sampler.cycle());

        Diagnosis d = store.diagnoseContainer("comfyui");

        assertThat(d.container().orElseThrow().name()).contains("comfyui");
        assertThat(d.host().driver().nvml().status()).isEqualTo("ok");
        assertThat(d.findings()).extracting(Finding::code).contains(FindingCode.CUDA_DRIVER_TOO_OLD);
    }

    @Test
    void aContainerDiagnosedBeforeTheFirstCollectionSaysTheHostPartIsMissing() throws ContainerRefException {
        Diagnosis d = store.diagnoseContainer("comfyui");

        Finding note = d.findings().stream().filter(f -> f.code() == FindingCode.CHECK_FAILED).findFirst()
                .orElseThrow();
        assertThat(note.severity()).isEqualTo(Severity.WARN);
        assertThat(note.title()).contains("not been collected yet");
        assertThat(note.fix()).contains("/readyz");
        assertThat(d.container().orElseThrow().name()).contains("comfyui");
        assertThat(d.host().driver().nvml().status()).isEqualTo(NotCollectedYet.STATUS);
    }

    @Test
    void aRefThatNamesNoContainerIsAContainerRefError() {
        store.publish(sampler.cycle());

        assertThatThrownBy(() -> store.diagnoseContainer("no-such-container"))
                .isInstanceOf(ContainerRefException.class);
    }
}
