package io.gpudoctor.agent.cli;

import io.gpudoctor.agent.container.HostView;
import io.gpudoctor.agent.driver.DriverConnection;
import io.gpudoctor.agent.driver.DriverConnector;
import io.gpudoctor.agent.driver.DriverOptions;
import io.gpudoctor.agent.simulate.LoadedScenario;
import io.gpudoctor.agent.simulate.ScenarioException;
import io.gpudoctor.agent.simulate.ScenarioLoader;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The driver a command talks to and the host root whose files it reads, from one reading of the
 * options: a simulated scenario is loaded once and brings both its driver and its host tree.
 */
record HostRoots(DriverConnection driver, Path root) {

    /** The host under this root, made once for the command: one file reader, one container resolver. */
    HostView view() {
        return HostView.at(root, Clock.systemUTC());
    }

    static HostRoots of(DriverOptions options) throws ScenarioException {
        if (options.simulate().isEmpty()) {
            return new HostRoots(DriverConnector.connect(options), options.rootfs());
        }
        LoadedScenario scenario = ScenarioLoader.load(options.simulate().get());
        return new HostRoots(DriverConnector.simulated(scenario), scenario.hostRoot().orElse(options.rootfs()));
    }
}
