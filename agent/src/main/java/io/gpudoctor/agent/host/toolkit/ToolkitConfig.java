package io.gpudoctor.agent.host.toolkit;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The NVIDIA Container Toolkit's {@code config.toml}, keys as failure-modes.md §2 lists them. An
 * empty Optional is a key left at its default (commented out in the shipped file).
 *
 * @param acceptEnvvarWhenUnprivileged {@code accept-nvidia-visible-devices-envvar-when-unprivileged}
 * @param acceptVolumeMounts           {@code accept-nvidia-visible-devices-as-volume-mounts}
 * @param features                     the {@code [features]} switches that are set
 */
public record ToolkitConfig(
        Optional<Boolean> acceptEnvvarWhenUnprivileged,
        Optional<Boolean> acceptVolumeMounts,
        Optional<Boolean> disableRequire,
        Optional<String> supportedDriverCapabilities,
        Optional<String> swarmResource,
        Cli cli,
        Runtime runtime,
        Map<String, Boolean> features) {

    public ToolkitConfig {
        features = Map.copyOf(features);
    }

    /** {@code [nvidia-container-cli]}: libnvidia-container, the legacy injection path. */
    public record Cli(Optional<String> ldconfig, Optional<String> ldcache, Optional<Boolean> loadKmods,
                      Optional<Boolean> noCgroups, Optional<String> root, Optional<String> path,
                      Optional<String> user, Optional<String> debug, List<String> environment) {

        public Cli {
            environment = List.copyOf(environment);
        }
    }

    /**
     * {@code [nvidia-container-runtime]} and its {@code modes.*} tables.
     *
     * @param mode {@code auto}, {@code legacy}, {@code cdi}, {@code csv}; empty means {@code auto}
     */
    public record Runtime(Optional<String> mode, Optional<String> logLevel, Optional<String> debug,
                          List<String> runtimes, List<String> cdiSpecDirs, Optional<String> cdiDefaultKind,
                          List<String> cdiAnnotationPrefixes, Optional<String> csvMountSpecPath,
                          Optional<String> cudaCompatMode, Optional<String> hookPath,
                          Optional<Boolean> hookSkipModeDetection, Optional<String> ctkPath) {

        public Runtime {
            runtimes = List.copyOf(runtimes);
            cdiSpecDirs = List.copyOf(cdiSpecDirs);
            cdiAnnotationPrefixes = List.copyOf(cdiAnnotationPrefixes);
        }
    }

    /** The mode in effect: the toolkit's default is {@code auto}. */
    public String effectiveMode() {
        return runtime.mode().orElse("auto");
    }

    public boolean feature(String name) {
        return features.getOrDefault(name, false);
    }
}
