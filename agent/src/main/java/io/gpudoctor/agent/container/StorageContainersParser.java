package io.gpudoctor.agent.container;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Pure parser of containers/storage's {@code <driver>-containers/containers.json}, where podman
 * keeps a container's name: podman 4 writes no name annotation into the OCI bundle. Only
 * {@code id} and {@code names} are bound.
 */
final class StorageContainersParser {

    private StorageContainersParser() {
    }

    /** The first name of container {@code id}; empty when it is not listed, has no name, or the file is broken. */
    static Optional<String> nameOf(String text, String id) {
        return JsonDocuments.bind(text, Entry[].class).stream().flatMap(Arrays::stream)
                .filter(Objects::nonNull).filter(entry -> id.equals(entry.id())).findFirst()
                .flatMap(entry -> entry.names() == null ? Optional.empty()
                        : entry.names().stream().filter(Objects::nonNull).filter(n -> !n.isBlank()).findFirst());
    }

    private record Entry(String id, List<String> names) {
    }
}
