package io.gpudoctor.agent.host.crio;

import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.host.runtime.ConfigProblem;
import io.gpudoctor.agent.host.runtime.RuntimeBinary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * CRI-O on this host: its binary, its configuration ({@code crio.conf}, then the drop-ins of
 * {@code /etc/crio/crio.conf.d} and {@code /etc/crio/conf.d}, each folder in name order, a later
 * file overriding an earlier one) and the OCI hooks that inject GPUs without a runtime entry.
 *
 * @param engineBinaries  host paths of {@code crio} found
 * @param files           every config file read, in merge order
 * @param fileLimitHit    more drop-ins than are read
 * @param hookFolders     the OCI hook folders read: {@code hooks_dir}, or the default folders
 * @param nvidiaHooks     OCI hook files there naming the NVIDIA hook ({@code oci-nvidia-hook.json})
 * @param runtimeBinaries the {@code runtime_path} of every NVIDIA runtime, and whether it exists
 */
public record CrioFacts(List<String> engineBinaries, List<CrioConfigFile> files, boolean fileLimitHit,
                        List<String> hookFolders, List<String> nvidiaHooks, List<RuntimeBinary> runtimeBinaries) {

    public CrioFacts {
        engineBinaries = List.copyOf(engineBinaries);
        files = List.copyOf(files);
        hookFolders = List.copyOf(hookFolders);
        nvidiaHooks = List.copyOf(nvidiaHooks);
        runtimeBinaries = List.copyOf(runtimeBinaries);
    }

    public boolean installed() {
        return !engineBinaries.isEmpty();
    }

    /** Every problem of every file, and a note when drop-ins were left unread. */
    public List<ConfigProblem> problems() {
        Stream<ConfigProblem> limit = fileLimitHit
                ? Stream.of(new ConfigProblem("/etc/crio", "more than " + CrioProbe.MAX_FILES
                        + " config files; the rest were not read"))
                : Stream.empty();
        return Stream.concat(files.stream().flatMap(f -> f.problems().stream()), limit).toList();
    }

    /** The runtimes in effect after merging, by name. */
    public Map<String, CrioRuntime> runtimes() {
        Map<String, CrioRuntime> merged = new LinkedHashMap<>();
        configs().forEach(config -> merged.putAll(config.runtimes()));
        return merged;
    }

    public List<CrioRuntime> nvidiaRuntimes() {
        return runtimes().values().stream().filter(CrioRuntime::isNvidia).toList();
    }

    /** {@code hooks_dir} from the file that sets it last. */
    public Optional<List<String>> hooksDir() {
        return last(CrioConfig::hooksDir);
    }

    public Optional<String> defaultRuntime() {
        return last(CrioConfig::defaultRuntime);
    }

    /** Whether {@code default_runtime} names an NVIDIA runtime, so every pod goes through it. */
    public boolean nvidiaIsDefault() {
        return defaultRuntime().map(name -> runtimes().get(name)).map(CrioRuntime::isNvidia).orElse(false);
    }

    /** Whether every config file was read and parsed, so what they lack is known. */
    public boolean fullyRead() {
        return !fileLimitHit && files.stream().allMatch(file -> file.config().isPresent());
    }

    /** The cgroup manager in effect: CRI-O defaults to {@code systemd}. */
    public String cgroupManager() {
        return last(CrioConfig::cgroupManager).orElse("systemd");
    }

    /**
     * Why CRI-O expects CDI specs. CRI-O has resolved CDI device requests unconditionally since
     * 1.23, with no switch to turn on, so being installed says nothing about whether specs are
     * needed; only an explicit {@code cdi_spec_dirs} is taken as the operator expecting them.
     */
    public List<Evidence> cdiExpectedBy() {
        for (int i = files.size() - 1; i >= 0; i--) {
            CrioConfigFile file = files.get(i);
            Optional<List<String>> dirs = file.config().flatMap(CrioConfig::cdiSpecDirs);
            if (dirs.isPresent()) {
                return dirs.get().isEmpty() ? List.of()
                        : List.of(new Evidence(file.path(), "cdi_spec_dirs = " + dirs.get()));
            }
        }
        return List.of();
    }

    private Stream<CrioConfig> configs() {
        return files.stream().flatMap(file -> file.config().stream());
    }

    private <T> Optional<T> last(Function<CrioConfig, Optional<T>> value) {
        Optional<T> result = Optional.empty();
        for (CrioConfig config : configs().toList()) {
            Optional<T> here = value.apply(config);
            if (here.isPresent()) {
                result = here;
            }
        }
        return result;
    }
}
