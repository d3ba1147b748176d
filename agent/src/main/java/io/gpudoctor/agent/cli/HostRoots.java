package io.gpudoctor.agent.cli;

import io.gpudoctor.agent.simulate.LoadedScenario;
import io.gpudoctor.agent.simulate.ScenarioException;
import io.gpudoctor.agent.simulate.ScenarioLoader;
import java.nio.file.Path;

/** Where a command reads the host's files: shared so that every command sees the same host. */
final class HostRoots {

    private HostRoots() {
    }

    /** A simulated scenario brings its own host tree; otherwise the host is --path.rootfs. */
    static Path of(DriverMixin driver) throws ScenarioException {
        if (driver.simulate == null) {
            return driver.rootfs;
        }
        LoadedScenario scenario = ScenarioLoader.load(driver.simulate);
        return scenario.hostRoot().orElse(driver.rootfs);
    }
}
