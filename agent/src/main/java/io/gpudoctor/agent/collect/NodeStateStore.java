package io.gpudoctor.agent.collect;

import io.gpudoctor.agent.container.ContainerIdentity;
import io.gpudoctor.agent.container.ContainerRefException;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.Scope;
import io.gpudoctor.agent.doctor.HostDiagnosis;
import io.gpudoctor.agent.driver.DriverConnection;
import io.gpudoctor.agent.container.HostView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The daemon's latest {@link NodeState}, swapped whole when a collection or a diagnosis finishes:
 * readers take the reference and never lock or wait. A container's diagnosis reads host files with
 * the GPUs as last collected, so it never waits on the driver either.
 */
final class NodeStateStore implements NodeStateSource {

    private final AtomicReference<NodeState> state = new AtomicReference<>(NodeState.empty());
    private final HostDiagnosis doctor;
    private final DriverConnection driver;
    private final HostView host;
    private final int memoryHistory;
    private final Clock clock;
    private volatile ContainerDiagnosisListener listener = (identity, findings, at) -> { };

    NodeStateStore(HostDiagnosis doctor, DriverConnection driver, HostView host, int memoryHistory, Clock clock) {
        this.doctor = doctor;
        this.driver = driver;
        this.host = host;
        this.memoryHistory = memoryHistory;
        this.clock = clock;
    }

    @Override
    public NodeState current() {
        return state.get();
    }

    /**
     * The host's and the container's diagnosis; before the first collection, the container's part
     * only, with a finding that says why the host's is missing.
     */
    @Override
    public Diagnosis diagnoseContainer(String ref) throws ContainerRefException {
        ContainerIdentity identity = host.containers().resolve(ref);
        Optional<GpuSnapshot> gpus = state.get().gpus();
        if (gpus.isPresent()) {
            Instant at = clock.instant();
            Diagnosis diagnosis = doctor.diagnose(identity, ref, gpus.get().inventory(), host);
            listener.diagnosed(identity, diagnosis.findings().stream().filter(f -> f.scope() == Scope.CONTAINER)
                    .toList(), at);
            return diagnosis;
        }
        return doctor.probe(NotCollectedYet.inventory(driver, host, clock.instant()), host)
                .containerOnly(ref, identity, NotCollectedYet.finding());
    }

    /**
     * Who is told the container findings of each {@link #diagnoseContainer(String)} answered with a
     * collected snapshot: the container watch, so that its series show the freshest answer.
     */
    void onContainerDiagnosed(ContainerDiagnosisListener listener) {
        this.listener = listener;
    }

    /** Told one container's findings and when the diagnosis that found them began. */
    @FunctionalInterface
    interface ContainerDiagnosisListener {
        void diagnosed(ContainerIdentity identity, List<Finding> findings, Instant at);
    }

    /** A new snapshot, and its fresh GPUs' memory as the chart's newest point. */
    void publish(GpuSnapshot snapshot) {
        MemorySample sample = sample(snapshot);
        state.updateAndGet(s -> new NodeState(Optional.of(snapshot), s.host(), s.containers(),
                appended(s.memoryHistory(), sample)));
    }

    /** New findings of the watched containers, the host diagnosis unchanged. */
    void publish(List<ContainerFindings> containers) {
        state.updateAndGet(s -> new NodeState(s.gpus(), s.host(), containers, s.memoryHistory()));
    }

    /** A new host diagnosis and the findings of the watched containers. */
    void publish(Diagnosis host, List<ContainerFindings> containers) {
        state.updateAndGet(s -> new NodeState(s.gpus(), Optional.of(host), containers, s.memoryHistory()));
    }

    private List<MemorySample> appended(List<MemorySample> history, MemorySample sample) {
        List<MemorySample> longer = new ArrayList<>(history);
        longer.add(sample);
        return longer.subList(Math.max(0, longer.size() - memoryHistory), longer.size());
    }

    /** A GPU whose reading is stale is left out: the chart shows what was measured at that moment. */
    private static MemorySample sample(GpuSnapshot snapshot) {
        Map<Integer, Long> used = new TreeMap<>();
        snapshot.inventory().gpus().stream()
                .filter(g -> snapshot.freshnessOf(g.index()).map(f -> !f.stale()).orElse(false))
                .forEach(g -> g.memory().ifPresent(m -> used.put(g.index(), m.usedBytes())));
        return new MemorySample(snapshot.collectedAt(), used);
    }
}
