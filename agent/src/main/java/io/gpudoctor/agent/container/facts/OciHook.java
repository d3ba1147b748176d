package io.gpudoctor.agent.container.facts;

import java.util.List;
import java.util.Objects;

/**
 * One OCI runtime hook from a bundle's {@code config.json}.
 *
 * @param stage {@code prestart}, {@code createRuntime} or {@code createContainer}
 * @param path  the hook's executable
 * @param args  its arguments, {@code argv[0]} included
 */
public record OciHook(String stage, String path, List<String> args) {

    public OciHook {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(path, "path");
        args = List.copyOf(args);
    }
}
