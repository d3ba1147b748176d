package io.gpudoctor.agent.collect;

import io.gpudoctor.agent.container.HostView;
import io.gpudoctor.agent.container.ContainerRefException;
import io.gpudoctor.agent.container.attribution.GpuProcessUtilization;
import io.gpudoctor.agent.container.attribution.ProcessOriginReader;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.doctor.HostDiagnosis;
import io.gpudoctor.agent.driver.DriverConnector;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.gpus.GpuInventoryCollector;
import io.gpudoctor.agent.gpus.GpuWorkloads;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import io.gpudoctor.agent.nativecall.BoundedCaller;
import io.gpudoctor.agent.simulate.LoadedScenario;
import io.gpudoctor.agent.simulate.ScenarioException;
import io.gpudoctor.agent.simulate.ScenarioLoader;
import io.gpudoctor.nvml.NvmlException;
import io.gpudoctor.simulate.SimulatedNvml;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A daemon's state made once, without a sampler, from a shipped scenario at a fixed moment: the
 * same input every time, for tests of what the daemon serves (metrics, routes, the status page).
 */
public final class ScenarioStates {

    /** The moment every state of this class is taken at. */
    public static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    private ScenarioStates() {
    }

    /** A source that always answers with {@code scenario}'s state and diagnoses its containers. */
    public static NodeStateSource source(String scenario) {
        Loaded loaded = load(scenario);
        return new NodeStateSource() {
            @Override
            public NodeState current() {
                return loaded.state();
            }

            @Override
            public Diagnosis diagnoseContainer(String ref) throws ContainerRefException {
                return loaded.doctor().diagnose(loaded.state().gpus().orElseThrow().inventory(), loaded.host(), ref);
            }
        };
    }

    /** {@code scenario}'s state: one collection, one host diagnosis, no container findings yet. */
    public static NodeState state(String scenario) {
        return load(scenario).state();
    }

    /**
     * {@code scenario}'s GPUs after {@code cycles} cycles of the daemon's sampler, one interval
     * apart (what needs two readings, GPM, shows from the second); no host diagnosis.
     */
    public static NodeState sampled(String scenario, int cycles) {
        SimulatedNode node = SimulatedNode.of(scenario);
        try (GpuSampler sampler = node.sampler(SimulatedNode.settings(), new XidCounter())) {
            GpuSnapshot snapshot = sampler.cycle();
            for (int i = 1; i < cycles; i++) {
                node.nextInterval();
                snapshot = sampler.cycle();
            }
            return new NodeState(Optional.of(snapshot), Optional.empty(), List.of(), List.of());
        }
    }

    private static Loaded load(String scenario) {
        Clock clock = Clock.fixed(AT, ZoneOffset.UTC);
        LoadedScenario loaded;
        try {
            loaded = ScenarioLoader.load(scenario);
        } catch (ScenarioException e) {
            throw new IllegalStateException("scenario " + scenario + " does not load: " + e.getMessage(), e);
        }
        Path root = loaded.hostRoot().orElseThrow(() -> new UncheckedIOException(
                new java.io.IOException("scenario " + scenario + " has no host root")));
        HostView view = HostView.at(root, clock);
        GpuInventory raw = new GpuInventoryCollector(Duration.ofSeconds(2), clock)
                .collect(DriverConnector.simulated(loaded), new HostFileReader(HostPaths.of(root)));
        GpuWorkloads.Attributed attributed = GpuWorkloads.attribute(raw,
                new ProcessOriginReader(view.containers()), 32, processUtilization(loaded, raw));
        HostDiagnosis doctor = new HostDiagnosis(Optional.empty(), Duration.ofSeconds(2), clock);
        Diagnosis host = doctor.diagnose(attributed.inventory(), view);
        List<GpuFreshness> freshness = attributed.inventory().gpus().stream()
                .map(g -> new GpuFreshness(g.index(), g.uuid(), AT, Optional.empty()))
                .toList();
        CallErrorCounter callErrors = new CallErrorCounter();
        callErrors.add(raw.nvml().errors());
        raw.gpus().forEach(g -> callErrors.add(g.errors()));
        CollectionStatus status = new CollectionStatus(AT, Duration.ofMillis(12), true,
                raw.nvml().status().equals("NVML_SUCCESS"), Optional.empty(), 1, callErrors.counts());
        Map<Integer, Long> used = attributed.inventory().gpus().stream()
                .filter(g -> g.memory().isPresent())
                .collect(Collectors.toMap(g -> g.index(), g -> g.memory().orElseThrow().usedBytes()));
        GpuSnapshot snapshot = new GpuSnapshot(attributed.inventory(), attributed.attribution(), freshness, List.of(),
                status);
        NodeState state = new NodeState(Optional.of(snapshot), Optional.of(host), List.of(),
                List.of(new MemorySample(AT, used)));
        return new Loaded(state, doctor, view);
    }

    /** One cycle's per-process samples, read as the sampler reads them; none where NVML does not start. */
    private static List<GpuProcessUtilization> processUtilization(LoadedScenario loaded, GpuInventory raw) {
        SimulatedNvml nvml = new SimulatedNvml(loaded.scenario());
        try {
            nvml.init();
        } catch (NvmlException e) {
            return List.of();
        }
        try (BoundedCaller caller = new BoundedCaller("scenario-states", Duration.ofSeconds(2))) {
            return new ProcessUtilizationReader().read(nvml, raw.gpus(), caller);
        } finally {
            nvml.close();
        }
    }

    private record Loaded(NodeState state, HostDiagnosis doctor, HostView host) {
    }
}
