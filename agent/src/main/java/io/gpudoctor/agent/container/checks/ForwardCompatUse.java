package io.gpudoctor.agent.container.checks;

import io.gpudoctor.agent.container.facts.ContainerFacts;
import io.gpudoctor.agent.container.facts.ForwardCompatLibrary;
import io.gpudoctor.agent.container.facts.MappedLibcuda;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which of the image's forward-compat libcuda files the workload uses: one it has mapped, one in a
 * folder on {@code LD_LIBRARY_PATH}, or any once a {@code 00-compat-*.conf} put the compat folder
 * into the loader's cache. A compat library that merely sits in the image changes nothing.
 */
final class ForwardCompatUse {

    private ForwardCompatUse() {
    }

    /** The compat libraries in use whose ELF note could be read, one per driver version. */
    static List<ForwardCompatLibrary> inUseWithNote(ContainerFacts container) {
        List<ForwardCompatLibrary> libraries = container.compatLibraries().value().orElse(List.of());
        boolean loaderConfig = !container.compatLoaderConfigs().value().orElse(List.of()).isEmpty();
        Set<String> mappedFolders = container.mappedLibcuda().value().orElse(List.of()).stream()
                .filter(m -> m.kind() == MappedLibcuda.Kind.FORWARD_COMPAT).map(m -> folder(m.path()))
                .collect(Collectors.toSet());
        Set<String> searched = GpuRequest.variable(container, "LD_LIBRARY_PATH").stream()
                .flatMap(path -> Arrays.stream(path.split(":"))).map(ForwardCompatUse::trimmed)
                .collect(Collectors.toSet());
        return libraries.stream()
                .filter(l -> l.note().isKnown())
                .filter(l -> loaderConfig || mappedFolders.contains(folder(l.file().path()))
                        || searched.contains(folder(l.file().path())))
                .collect(Collectors.toMap(l -> l.file().version(), l -> l, (a, b) -> a,
                        LinkedHashMap::new))
                .values().stream().toList();
    }

    private static String folder(String path) {
        return path.substring(0, Math.max(0, path.lastIndexOf('/')));
    }

    private static String trimmed(String folder) {
        return folder.replaceAll("/+$", "");
    }
}
