package io.gpudoctor.agent.simulate;

import io.gpudoctor.simulate.Scenario;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A scenario read from its file.
 *
 * @param hostRoot the host root tree to read host files under in place of {@code /}: the
 *                 {@code root/} folder beside a user's {@code scenario.yaml}, or a shipped
 *                 scenario's tree extracted to a temporary folder; empty where the scenario has none
 */
public record LoadedScenario(Scenario scenario, Optional<Path> hostRoot) {
    public LoadedScenario {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(hostRoot, "hostRoot");
    }
}
