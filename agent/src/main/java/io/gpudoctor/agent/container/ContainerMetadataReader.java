package io.gpudoctor.agent.container;

import io.gpudoctor.agent.hostfs.HostFile;
import io.gpudoctor.agent.hostfs.HostFileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Finds a container's files on the host by its id: Docker's {@code config.v2.json}, containerd's
 * task bundle in any namespace, CRI-O's and podman's {@code userdata/config.json}. Only these
 * folders are read, and only with an id that is 64 hex characters.
 *
 * <p>podman keeps a container's files in containers/storage, in the folder of its storage driver
 * (overlay, or vfs where overlay cannot mount), its name in that folder's {@code containers.json}
 * and its pid file under {@code /run}.
 */
final class ContainerMetadataReader {

    static final String DOCKER_CONTAINERS = "/var/lib/docker/containers/";
    static final String CONTAINERD_TASKS = "/run/containerd/io.containerd.runtime.v2.task/";
    static final String CRIO_CONTAINERS = "/run/containers/storage/overlay-containers/";
    static final String PODMAN_STORAGE = "/var/lib/containers/storage/";
    static final String PODMAN_RUN_STORAGE = "/run/containers/storage/";
    private static final List<String> PODMAN_DRIVERS = List.of("overlay", "vfs");

    /** Docker runs its containers in this containerd namespace. */
    private static final String DOCKER_NAMESPACE = "moby";

    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern NAMESPACE = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,75}");

    private final HostFileReader files;

    ContainerMetadataReader(HostFileReader files) {
        this.files = files;
    }

    /** The files of container {@code id}; empty when none are found or the id is not a full one. */
    Optional<ContainerMetadata> read(String id) {
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return docker(id).or(() -> containerd(id)).or(() -> storage(id, CRIO_CONTAINERS, ContainerRuntime.CRIO))
                .or(() -> podman(id));
    }

    /**
     * The engines' folders of container records that exist but that the running user may not list
     * (without root): containers there have no name, pod or runtime for gpu-doctor.
     */
    List<String> deniedFolders() {
        List<String> denied = new ArrayList<>();
        for (String folder : List.of(DOCKER_CONTAINERS, CONTAINERD_TASKS, CRIO_CONTAINERS, PODMAN_STORAGE)) {
            if (closed(folder)) {
                denied.add(folder);
            }
        }
        return denied;
    }

    /**
     * Whether {@code folder}, or the nearest of its parents this user can find, is closed to it: a
     * closed parent hides whether the folder is there at all, so it counts as closed.
     */
    private boolean closed(String folder) {
        for (String path = folder; path.length() > 1; path = path.substring(0, path.lastIndexOf('/', path.length() - 2) + 1)) {
            Optional<Path> found = files.locate(path);
            if (found.isPresent()) {
                return !Files.isReadable(found.get()) || !Files.isExecutable(found.get());
            }
        }
        return false;
    }

    private Optional<ContainerMetadata> docker(String id) {
        return files.read(DOCKER_CONTAINERS + id + "/config.v2.json").content().flatMap(DockerConfigParser::parse)
                .map(docker -> {
                    String bundle = CONTAINERD_TASKS + DOCKER_NAMESPACE + "/" + id + "/config.json";
                    return new ContainerMetadata(ContainerRuntime.DOCKER, docker.names(), docker.statePid(),
                            files.read(bundle).isOk() ? Optional.of(bundle) : Optional.empty());
                });
    }

    private Optional<ContainerMetadata> containerd(String id) {
        for (String namespace : files.list(CONTAINERD_TASKS)) {
            if (!NAMESPACE.matcher(namespace).matches() || namespace.contains("..")) {
                continue;
            }
            String task = CONTAINERD_TASKS + namespace + "/" + id + "/";
            HostFile bundle = files.read(task + "config.json");
            if (bundle.isOk()) {
                ContainerRuntime runtime = namespace.equals(DOCKER_NAMESPACE) ? ContainerRuntime.DOCKER
                        : ContainerRuntime.CONTAINERD;
                ContainerNames names = OciBundleParser.parse(bundle.text()).orElse(ContainerNames.NONE);
                return Optional.of(new ContainerMetadata(runtime, names, pidFile(task + "init.pid"),
                        Optional.of(bundle.path())));
            }
        }
        return Optional.empty();
    }

    private Optional<ContainerMetadata> storage(String id, String folder, ContainerRuntime runtime) {
        String userdata = folder + id + "/userdata/";
        HostFile bundle = files.read(userdata + "config.json");
        if (!bundle.isOk()) {
            return Optional.empty();
        }
        ContainerNames names = OciBundleParser.parse(bundle.text()).orElse(ContainerNames.NONE);
        return Optional.of(new ContainerMetadata(runtime, names, pidFile(userdata + "pidfile"), Optional.of(bundle.path())));
    }

    private Optional<ContainerMetadata> podman(String id) {
        for (String driver : PODMAN_DRIVERS) {
            String containers = PODMAN_STORAGE + driver + "-containers/";
            HostFile bundle = files.read(containers + id + "/userdata/config.json");
            if (bundle.isOk()) {
                Optional<String> name = files.read(containers + "containers.json").content()
                        .flatMap(text -> StorageContainersParser.nameOf(text, id));
                ContainerNames names = ContainerNames.of(name, Optional.empty(), Optional.empty(), Optional.empty(), false);
                return Optional.of(new ContainerMetadata(ContainerRuntime.PODMAN, names,
                        pidFile(PODMAN_RUN_STORAGE + driver + "-containers/" + id + "/userdata/pidfile"),
                        Optional.of(bundle.path())));
            }
        }
        return Optional.empty();
    }

    private OptionalLong pidFile(String hostPath) {
        Optional<String> text = files.read(hostPath).content().map(String::strip);
        if (text.isEmpty() || !text.get().matches("[1-9][0-9]{0,9}")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(text.get()));
    }
}
