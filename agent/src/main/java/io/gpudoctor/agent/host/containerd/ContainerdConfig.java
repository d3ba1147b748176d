package io.gpudoctor.agent.host.containerd;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One containerd config file (the main file or an import), read by its own {@code version}.
 *
 * @param version           {@code version}; 1 when absent, as containerd reads it
 * @param imports           {@code imports} as written (paths or globs, possibly relative)
 * @param disabledPlugins   {@code disabled_plugins}; Docker's containerd disables {@code cri}
 * @param runtimes          runtimes under the CRI plugin id of this version
 * @param misplacedRuntimes runtimes under another version's plugin id, which containerd ignores
 * @param enableCdi         the CRI plugin's {@code enable_cdi}
 */
public record ContainerdConfig(int version, List<String> imports, Optional<List<String>> disabledPlugins,
                               Map<String, ContainerdRuntime> runtimes, List<ContainerdRuntime> misplacedRuntimes,
                               Optional<Boolean> enableCdi, Optional<String> defaultRuntimeName) {

    public ContainerdConfig {
        imports = List.copyOf(imports);
        disabledPlugins = disabledPlugins.map(List::copyOf);
        runtimes = Map.copyOf(runtimes);
        misplacedRuntimes = List.copyOf(misplacedRuntimes);
    }

    /** The CRI plugin id whose tables hold runtimes in a config of this version. */
    public static String criPluginId(int version) {
        return switch (version) {
            case 1 -> "cri";
            case 2 -> "io.containerd.grpc.v1.cri";
            default -> "io.containerd.cri.v1.runtime";
        };
    }
}
