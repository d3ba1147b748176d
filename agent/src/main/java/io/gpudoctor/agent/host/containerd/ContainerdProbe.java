package io.gpudoctor.agent.host.containerd;

import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.host.HostFileReader;
import io.gpudoctor.agent.host.runtime.ConfigProblem;
import io.gpudoctor.agent.host.runtime.ConfigText;
import io.gpudoctor.agent.host.runtime.Executables;
import io.gpudoctor.agent.host.runtime.ParseResult;
import io.gpudoctor.agent.host.runtime.RuntimeBinary;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads containerd's main config and, transitively, its {@code imports}: literal paths and glob
 * patterns (in the last path component, as {@code nvidia-ctk} writes them), relative ones resolved
 * against the importing file's folder, at most {@link #MAX_FILES} files.
 */
public final class ContainerdProbe implements HostProbe<ContainerdFacts> {

    static final String MAIN = "/etc/containerd/config.toml";
    static final String DROP_IN_FOLDER = "/etc/containerd/conf.d";
    static final List<String> CONTAINERD = List.of("/usr/bin/containerd", "/usr/local/bin/containerd", "/usr/sbin/containerd");
    /** A host with more imports than this is misconfigured; reading on would only cost time. */
    static final int MAX_FILES = 32;

    @Override
    public Class<ContainerdFacts> type() {
        return ContainerdFacts.class;
    }

    @Override
    public ContainerdFacts probe(HostFileReader files) {
        List<ContainerdConfigFile> read = new ArrayList<>();
        List<ConfigProblem> importProblems = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        boolean mainPresent = files.exists(MAIN);
        if (mainPresent) {
            pending.add(MAIN);
            seen.add(MAIN);
        }
        boolean full = false;
        while (!pending.isEmpty()) {
            String path = pending.poll();
            ContainerdConfigFile file = readFile(files, path);
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
        List<String> unimported = files.list(DROP_IN_FOLDER).stream()
                .filter(name -> name.endsWith(".toml"))
                .map(name -> DROP_IN_FOLDER + "/" + name)
                .filter(path -> !seen.contains(path))
                .toList();
        ContainerdFacts partial = new ContainerdFacts(CONTAINERD.stream().filter(files::exists).toList(), MAIN,
                mainPresent, read, importProblems, unimported, List.of());
        List<RuntimeBinary> binaries = partial.nvidiaRuntimes().stream()
                .filter(runtime -> runtime.binaryName().isPresent())
                .map(runtime -> new RuntimeBinary(runtime.name(),
                        "containerd runtimes." + runtime.name() + ".options.BinaryName",
                        runtime.binaryName().get(), Executables.locate(files, runtime.binaryName().get())))
                .toList();
        return new ContainerdFacts(partial.engineBinaries(), MAIN, mainPresent, read, importProblems, unimported, binaries);
    }

    private static ContainerdConfigFile readFile(HostFileReader files, String path) {
        ConfigText text = ConfigText.read(files, path);
        ParseResult<ContainerdConfig> parsed = text.text()
                .map(content -> ContainerdConfigParser.parse(path, content))
                .orElseGet(() -> ParseResult.failed(text.problem().stream().toList()));
        return new ContainerdConfigFile(path, parsed.value(), parsed.problems());
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
