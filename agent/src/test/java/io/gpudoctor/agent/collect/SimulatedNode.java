package io.gpudoctor.agent.collect;

import io.gpudoctor.agent.container.HostView;
import io.gpudoctor.agent.driver.DriverConnection;
import io.gpudoctor.agent.driver.DriverConnector;
import io.gpudoctor.agent.hostfs.HostPaths;
import io.gpudoctor.agent.simulate.LoadedScenario;
import io.gpudoctor.agent.simulate.ScenarioException;
import io.gpudoctor.agent.simulate.ScenarioLoader;
import io.gpudoctor.simulate.SimulatedNvml;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** A shipped scenario's simulated driver and host root, with a clock the test moves, for the sampler's tests. */
final class SimulatedNode {

    /** Short enough to keep hang tests fast, long enough for a loaded CI machine to answer a healthy call. */
    static final Duration DEADLINE = Duration.ofMillis(250);
    static final Duration INTERVAL = Duration.ofSeconds(5);

    final DriverConnection driver;
    final SimulatedNvml nvml;
    final HostPaths paths;
    final HostView host;
    final MutableClock clock = new MutableClock(ScenarioStates.AT);

    private SimulatedNode(LoadedScenario loaded) {
        this.driver = DriverConnector.simulated(loaded);
        this.nvml = (SimulatedNvml) driver.nvml().orElseThrow();
        this.paths = HostPaths.of(loaded.hostRoot().orElseThrow());
        this.host = HostView.at(paths.root(), clock);
    }

    static SimulatedNode of(String scenario) {
        try {
            return new SimulatedNode(ScenarioLoader.load(scenario));
        } catch (ScenarioException e) {
            throw new IllegalStateException("scenario " + scenario + " does not load: " + e.getMessage(), e);
        }
    }

    static CollectionSettings settings() {
        return CollectionSettings.defaults().withInterval(INTERVAL).withCallDeadline(DEADLINE);
    }

    /** A sampler whose Xid events are unavailable: the kernel log is counted. */
    GpuSampler sampler(CollectionSettings settings, XidCounter xids) {
        return sampler(settings, xids, () -> false);
    }

    GpuSampler sampler(CollectionSettings settings, XidCounter xids, BooleanSupplier eventsAvailable) {
        return new GpuSampler(driver, host, settings, clock, xids, eventsAvailable);
    }

    /** Moves the clock one collection interval on, as the sampler's schedule would. */
    void nextInterval() {
        clock.advance(INTERVAL);
    }

    /** The threads stuck in a hung call: each ends once its call returns, and only then can a fresh one take over. */
    static List<Thread> stuckNvmlThreads() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().equals(GpuSampler.NVML_THREAD))
                .filter(e -> List.of(e.getValue()).stream().anyMatch(f -> f.getClassName().endsWith("FaultInjector")))
                .map(Map.Entry::getKey)
                .toList();
    }
}
