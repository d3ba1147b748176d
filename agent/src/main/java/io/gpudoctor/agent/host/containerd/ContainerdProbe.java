package io.gpudoctor.agent.host.containerd;

import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.host.runtime.ConfigProblem;
import io.gpudoctor.agent.host.runtime.ConfigText;
import io.gpudoctor.agent.host.runtime.Executables;
import io.gpudoctor.agent.host.runtime.ParseResult;
import io.gpudoctor.agent.host.runtime.RuntimeBinary;
import io.gpudoctor.agent.host.proc.HostProcess;
import io.gpudoctor.agent.host.proc.ProcessTable;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the config the host's CRI containerd runs with (see {@link #liveConfig}) and, transitively,
 * its {@code imports}: literal paths and glob
 * patterns (in the last path component, as {@code nvidia-ctk} writes them), relative ones resolved
 * against the importing file's folder, at most {@link #MAX_FILES} files.
 */
public final class ContainerdProbe implements HostProbe<ContainerdFacts> {

    static final String MAIN = "/etc/containerd/config.toml";
    static final String DROP_IN_FOLDER = "/etc/containerd/conf.d";
    static final List<String> CONTAINERD = List.of("/usr/bin/containerd", "/usr/local/bin/containerd",
            "/usr/sbin/containerd", "/bin/containerd", "/snap/microk8s/current/bin/containerd");
    /** Where each distribution keeps the config its own containerd runs with, most specific first. */
    static final List<Map.Entry<String, String>> DISTRIBUTION_CONFIGS = List.of(
            Map.entry("/var/lib/rancher/k3s/agent/etc/containerd/config.toml", "k3s's containerd config"),
            Map.entry("/var/lib/rancher/rke2/agent/etc/containerd/config.toml", "RKE2's containerd config"),
            Map.entry("/var/snap/microk8s/current/args/containerd.toml", "MicroK8s's containerd config"),
            Map.entry("/var/snap/microk8s/current/args/containerd-template.toml",
                    "MicroK8s's containerd template (rendered at start)"),
            Map.entry("/etc/cri/containerd.toml", "Talos's CRI containerd config"));
    /** MicroK8s runs its containerd with the snap's folders on its PATH. */
    static final List<String> SNAP_PATH = List.of("/snap/microk8s/current/usr/bin", "/snap/microk8s/current/bin");
    /** A host with more imports than this is misconfigured; reading on would only cost time. */
    static final int MAX_FILES = 32;

    @Override
    public Class<ContainerdFacts> type() {
        return ContainerdFacts.class;
    }

    @Override
    public ContainerdFacts probe(HostFileReader files) {
        return probe(files, HostFacts.builder().build());
    }

    /** Takes the running containerd's {@code --config} from the process table when it was read. */
    @Override
    public ContainerdFacts probe(HostFileReader files, HostFacts earlier) {
        Map.Entry<String, String> live = liveConfig(files, earlier.find(ProcessTable.class));
        String main = live.getKey();
        List<ContainerdConfigFile> read = new ArrayList<>();
        List<ConfigProblem> importProblems = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        ConfigText mainText = ConfigText.read(files, main);
        if (mainText.present()) {
            pending.add(main);
            seen.add(main);
        }
        boolean full = false;
        while (!pending.isEmpty()) {
            String path = pending.poll();
            ContainerdConfigFile file = readFile(path.equals(main) ? mainText : ConfigText.read(files, path));
            read.add(file);
            List<String> imports = file.config().map(ContainerdConfig::imports).orElse(List.of());
            for (String entry : imports) {
                for (String imported : resolve(files, path, entry, importProblems)) {
                    if (seen.contains(imported)) {
                        continue;
                    }
                    if (seen.size() >= MAX_FILES) {
                        if (!full) {
                            importProblems.add(new ConfigProblem(path, "more than " + MAX_FILES
                                    + " config files through imports; the rest were not read"));
                        }
                        full = true;
                        break;
                    }
                    seen.add(imported);
                    pending.add(imported);
                }
            }
        }
        List<String> unimported = main.equals(MAIN) ? files.list(DROP_IN_FOLDER).stream()
                .filter(name -> name.endsWith(".toml"))
                .map(name -> DROP_IN_FOLDER + "/" + name)
                .filter(path -> !seen.contains(path))
                .toList() : List.of();
        List<String> engine = CONTAINERD.stream().filter(files::exists).toList();
        ContainerdFacts partial = new ContainerdFacts(engine, main, live.getValue(), mainText.present(), read,
                importProblems, unimported, List.of());
        List<String> extraPath = main.startsWith("/var/snap/microk8s/") ? SNAP_PATH : List.of();
        List<RuntimeBinary> binaries = partial.nvidiaRuntimes().stream()
                .filter(runtime -> runtime.binaryName().isPresent())
                .map(runtime -> new RuntimeBinary(runtime.name(),
                        "containerd runtimes." + runtime.name() + ".options.BinaryName",
                        runtime.binaryName().get(), Executables.locate(files, runtime.binaryName().get(), extraPath)))
                .toList();
        return new ContainerdFacts(engine, main, live.getValue(), mainText.present(), read, importProblems, unimported,
                binaries);
    }

    /**
     * The config file the host's CRI containerd runs with, and why it is that one: the running
     * containerd's {@code --config} (where several run, as on Talos or a k3s node that also has
     * Docker, the one that is not the default path, which Docker's containerd uses), then the
     * distributions' own paths, then containerd's default.
     */
    static Map.Entry<String, String> liveConfig(HostFileReader files, Optional<ProcessTable> processes) {
        List<HostProcess> running = processes.map(table -> table.named("containerd")).orElse(List.of());
        List<Map.Entry<String, String>> fromArgs = running.stream()
                .flatMap(process -> process.option("--config", "-c")
                        .map(path -> Map.entry(path, "--config of the running containerd (pid " + process.pid() + ")"))
                        .stream())
                .toList();
        Optional<Map.Entry<String, String>> notDefault = fromArgs.stream().filter(e -> !e.getKey().equals(MAIN)).findFirst();
        if (notDefault.isPresent()) {
            return notDefault.get();
        }
        if (!fromArgs.isEmpty()) {
            return fromArgs.get(0);
        }
        return DISTRIBUTION_CONFIGS.stream().filter(entry -> files.exists(entry.getKey())).findFirst()
                .orElse(Map.entry(MAIN, "containerd's default config path"));
    }

    private static ContainerdConfigFile readFile(ConfigText text) {
        ParseResult<ContainerdConfig> parsed = text.text()
                .map(content -> ContainerdConfigParser.parse(text.path(), content))
                .orElseGet(() -> ParseResult.failed(text.problem().stream().toList()));
        return new ContainerdConfigFile(text.path(), parsed.value(), parsed.problems());
    }

    /** The host paths an {@code imports} entry names; containerd refuses to start when a literal one is missing. */
    static List<String> resolve(HostFileReader files, String importer, String entry, List<ConfigProblem> problems) {
        Path target;
        try {
            target = Path.of(importer).getParent().resolve(entry).normalize();
        } catch (InvalidPathException e) {
            problems.add(new ConfigProblem(importer, "imports entry \"" + entry + "\" is not a path"));
            return List.of();
        }
        String name = target.getFileName() == null ? "" : target.getFileName().toString();
        Path folder = target.getParent();
        if (!isPattern(name)) {
            if (isPattern(target.toString())) {
                problems.add(new ConfigProblem(importer, "imports entry \"" + entry
                        + "\" has a pattern outside its last component, which gpu-doctor does not follow"));
                return List.of();
            }
            if (!files.exists(target.toString())) {
                problems.add(new ConfigProblem(importer, "imports entry \"" + entry + "\" does not exist"));
                return List.of();
            }
            return List.of(target.toString());
        }
        if (folder == null || isPattern(folder.toString())) {
            problems.add(new ConfigProblem(importer, "imports entry \"" + entry
                    + "\" has a pattern outside its last component, which gpu-doctor does not follow"));
            return List.of();
        }
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(importer, "imports entry \"" + entry + "\" is not a valid pattern"));
            return List.of();
        }
        return files.list(folder.toString()).stream()
                .filter(candidate -> matcher.matches(Path.of(candidate)))
                .map(candidate -> folder.resolve(candidate).toString())
                .toList();
    }

    private static boolean isPattern(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
    }
}
