package io.gpudoctor.agent.host.containerd;

import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.host.runtime.ConfigProblem;
import io.gpudoctor.agent.host.runtime.RuntimeBinary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * containerd on this host: its binary and its configuration, the main file followed by its
 * imports in the order containerd merges them (a later file overrides an earlier one).
 *
 * @param engineBinaries    host paths of {@code containerd} found
 * @param mainPath          the config the CRI containerd runs with ({@code /etc/containerd/config.toml},
 *                          k3s's, MicroK8s's, Talos's)
 * @param mainReason        why that file: the running containerd's {@code --config}, a distribution's path
 * @param mainPresent       whether it exists (containerd runs on defaults without it)
 * @param files             the main file (when present) and every import read
 * @param importProblems    imports that do not resolve, or more imports than are read
 * @param unimportedDropIns drop-ins in {@code /etc/containerd/conf.d} that no {@code imports} entry names
 * @param runtimeBinaries   the {@code BinaryName} of every NVIDIA runtime, and whether it exists
 */
public record ContainerdFacts(List<String> engineBinaries, String mainPath, String mainReason, boolean mainPresent,
                              List<ContainerdConfigFile> files, List<ConfigProblem> importProblems,
                              List<String> unimportedDropIns, List<RuntimeBinary> runtimeBinaries) {

    public ContainerdFacts {
        engineBinaries = List.copyOf(engineBinaries);
        files = List.copyOf(files);
        importProblems = List.copyOf(importProblems);
        unimportedDropIns = List.copyOf(unimportedDropIns);
        runtimeBinaries = List.copyOf(runtimeBinaries);
    }

    public boolean installed() {
        return !engineBinaries.isEmpty();
    }

    /** Every problem of every file, then those of the imports themselves. */
    public List<ConfigProblem> problems() {
        return Stream.concat(files.stream().flatMap(f -> f.problems().stream()), importProblems.stream()).toList();
    }

    /** The version of the main file; 1 (containerd's reading) when it is absent or unversioned. */
    public int version() {
        return files.stream().filter(f -> f.path().equals(mainPath)).findFirst()
                .flatMap(ContainerdConfigFile::config).map(ContainerdConfig::version).orElse(1);
    }

    /** The runtimes in effect after merging, by name. */
    public Map<String, ContainerdRuntime> runtimes() {
        Map<String, ContainerdRuntime> merged = new LinkedHashMap<>();
        configs().forEach(config -> merged.putAll(config.runtimes()));
        return merged;
    }

    /** Runtimes written under another version's plugin id, which containerd ignores. */
    public List<ContainerdRuntime> misplacedRuntimes() {
        return configs().flatMap(config -> config.misplacedRuntimes().stream()).toList();
    }

    /** The NVIDIA runtimes in effect. */
    public List<ContainerdRuntime> nvidiaRuntimes() {
        return runtimes().values().stream().filter(ContainerdRuntime::isNvidia).toList();
    }

    /** Whether the CRI plugin is disabled, as in the config Docker's containerd.io package ships. */
    public boolean criDisabled() {
        List<String> disabled = last(ContainerdConfig::disabledPlugins).orElse(List.of());
        return disabled.stream().anyMatch(ContainerdConfigParser.PLUGIN_IDS::contains);
    }

    public Optional<String> defaultRuntimeName() {
        return last(ContainerdConfig::defaultRuntimeName);
    }

    /** The runtime pods without a runtimeClassName get: {@code default_runtime_name}, {@code runc} when unset. */
    public String effectiveDefaultRuntime() {
        return defaultRuntimeName().orElse("runc");
    }

    /** Whether the default runtime is an NVIDIA one, so every pod goes through it. */
    public boolean nvidiaIsDefault() {
        ContainerdRuntime runtime = runtimes().get(effectiveDefaultRuntime());
        return runtime != null && runtime.isNvidia();
    }

    /** Whether every file of the configuration was read and parsed, so what it lacks is known. */
    public boolean fullyRead() {
        return files.stream().allMatch(file -> file.config().isPresent());
    }

    /**
     * Why CDI is the way containerd's pods get GPUs, so that specs must exist: {@code enable_cdi = true}
     * with no NVIDIA runtime to inject otherwise, or an NVIDIA runtime in CDI mode as the default.
     * Where an NVIDIA runtime is configured, GPUs can take it instead (Talos and the GPU Operator turn
     * CDI on beside one), and no spec is required.
     */
    public List<Evidence> cdiExpectedBy() {
        List<Evidence> enabled = cdiEnabledBy();
        ContainerdRuntime defaultRuntime = runtimes().get(effectiveDefaultRuntime());
        if (defaultRuntime != null && defaultRuntime.isNvidiaCdi()) {
            return List.of(new Evidence(mainPath + " (merged)", "default_runtime_name = \"" + defaultRuntime.name()
                    + "\", an NVIDIA runtime in CDI mode"));
        }
        return nvidiaRuntimes().isEmpty() ? enabled : List.of();
    }

    /**
     * {@code enable_cdi = true} in the CRI plugin, in the file that sets it last. containerd 2.x
     * enables CDI by default, but only resolves it for pods that ask; a config that does not say so
     * is not counted.
     */
    public List<Evidence> cdiEnabledBy() {
        List<Evidence> evidence = new ArrayList<>();
        for (ContainerdConfigFile file : files) {
            file.config().flatMap(ContainerdConfig::enableCdi).ifPresent(on -> {
                evidence.clear();
                if (on) {
                    evidence.add(new Evidence(file.path(), "enable_cdi = true"));
                }
            });
        }
        return List.copyOf(evidence);
    }

    /** Evidence for each runtime in effect that sets {@code SystemdCgroup = true}. */
    public List<Evidence> systemdCgroupRuntimes() {
        return runtimes().values().stream()
                .filter(runtime -> runtime.systemdCgroup().orElse(false))
                .map(runtime -> new Evidence(mainPath + " (merged)",
                        "runtimes." + runtime.name() + ".options.SystemdCgroup = true"))
                .toList();
    }

    private Stream<ContainerdConfig> configs() {
        return files.stream().flatMap(file -> file.config().stream());
    }

    private <T> Optional<T> last(Function<ContainerdConfig, Optional<T>> value) {
        Optional<T> result = Optional.empty();
        for (ContainerdConfig config : configs().toList()) {
            Optional<T> here = value.apply(config);
            if (here.isPresent()) {
                result = here;
            }
        }
        return result;
    }
}
