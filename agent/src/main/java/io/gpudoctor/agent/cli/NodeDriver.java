package io.gpudoctor.agent.cli;

import io.gpudoctor.agent.container.HostView;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.gpus.GpuInventoryCollector;
import io.gpudoctor.agent.driver.DriverOptions;
import io.gpudoctor.agent.host.driver.KernelModuleProbe;
import io.gpudoctor.agent.host.driver.RunningDriver;
import io.gpudoctor.agent.simulate.ScenarioException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The driver the node the options name runs, for a command asked about "this node": NVML's
 * version, else the loaded kernel module's, else the libraries' file names ({@link RunningDriver}).
 */
final class NodeDriver {

    /** A driver call slower than this is treated as hung; generous, since a first call can be slow. */
    private static final Duration CALL_DEADLINE = Duration.ofSeconds(10);

    private NodeDriver() {
    }

    static Optional<RunningDriver> read(DriverOptions options) throws ScenarioException {
        HostRoots host = HostRoots.of(options);
        HostView view = host.view();
        GpuInventory inventory = new GpuInventoryCollector(CALL_DEADLINE, Clock.systemUTC())
                .collect(host.driver(), view.files());
        return RunningDriver.of(Optional.of(inventory), RunningDriver.module(
                new KernelModuleProbe().probe(view.files())));
    }
}
