package io.gpudoctor.agent.host.crio;

import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.host.runtime.ConfigText;
import io.gpudoctor.agent.host.runtime.Executables;
import io.gpudoctor.agent.host.runtime.ParseResult;
import io.gpudoctor.agent.host.runtime.RuntimeBinary;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@link CrioFacts}. NVIDIA's configurator writes {@code /etc/crio/crio.conf.d/99-nvidia.toml}
 * while its install guide names {@code /etc/crio/conf.d/}, so both folders are read.
 */
public final class CrioProbe implements HostProbe<CrioFacts> {

    static final String MAIN = "/etc/crio/crio.conf";
    static final List<String> DROP_IN_FOLDERS = List.of("/etc/crio/crio.conf.d", "/etc/crio/conf.d");
    /**
     * Where OCI hooks are read when {@code hooks_dir} is not set: the packages' folders, and the one
     * the GPU Operator's toolkit writes {@code oci-nvidia-hook.json} to.
     */
    static final List<String> HOOK_FOLDERS = List.of("/usr/share/containers/oci/hooks.d", "/etc/containers/oci/hooks.d",
            "/run/containers/oci/hooks.d");
    static final List<String> CRIO = List.of("/usr/bin/crio", "/usr/local/bin/crio", "/usr/sbin/crio");
    /** Drop-ins read at most; a folder with more is misconfigured. */
    static final int MAX_FILES = 64;

    @Override
    public Class<CrioFacts> type() {
        return CrioFacts.class;
    }

    @Override
    public CrioFacts probe(HostFileReader files) {
        List<String> paths = new ArrayList<>();
        // a symlink loop or a FIFO there is a file CRI-O fails on, not an absent one
        if (files.read(MAIN).exists()) {
            paths.add(MAIN);
        }
        for (String folder : DROP_IN_FOLDERS) {
            files.list(folder).stream().filter(name -> !name.startsWith(".")).forEach(name -> paths.add(folder + "/" + name));
        }
        boolean limitHit = paths.size() > MAX_FILES;
        List<CrioConfigFile> read = paths.stream().limit(MAX_FILES).map(path -> readFile(files, path)).toList();
        CrioFacts partial = new CrioFacts(List.of(), read, limitHit, List.of(), List.of(), List.of());
        List<RuntimeBinary> binaries = partial.nvidiaRuntimes().stream()
                .filter(runtime -> runtime.runtimePath().isPresent())
                .map(runtime -> new RuntimeBinary(runtime.name(),
                        "crio.runtime.runtimes." + runtime.name() + ".runtime_path",
                        runtime.runtimePath().get(), Executables.locate(files, runtime.runtimePath().get())))
                .toList();
        List<String> hookFolders = partial.hooksDir().orElse(HOOK_FOLDERS);
        return new CrioFacts(CRIO.stream().filter(files::exists).toList(), read, limitHit, hookFolders,
                nvidiaHooks(files, hookFolders), binaries);
    }

    private static CrioConfigFile readFile(HostFileReader files, String path) {
        ConfigText text = ConfigText.read(files, path);
        ParseResult<CrioConfig> parsed = text.text()
                .map(content -> CrioConfigParser.parse(path, content))
                .orElseGet(() -> ParseResult.failed(text.problem().stream().toList()));
        return new CrioConfigFile(path, parsed.value(), parsed.problems());
    }

    private static List<String> nvidiaHooks(HostFileReader files, List<String> folders) {
        List<String> hooks = new ArrayList<>();
        for (String folder : folders) {
            files.list(folder).stream().filter(name -> name.endsWith(".json")).limit(MAX_FILES)
                    .map(name -> folder + "/" + name)
                    .filter(path -> files.read(path).content().map(t -> t.contains("nvidia-container-runtime-hook")
                            || t.contains("nvidia-container-toolkit")).orElse(false))
                    .forEach(hooks::add);
        }
        return hooks;
    }
}
