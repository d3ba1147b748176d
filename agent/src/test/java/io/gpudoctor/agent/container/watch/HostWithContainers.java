package io.gpudoctor.agent.container.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A host root under construction with containers of several kinds on it, as their runtimes and
 * the kernel leave them in the host's files: Docker containers (bridge or host network), Kubernetes
 * pods under containerd each with its sandbox, and host processes. Every call writes its files at once.
 */
public final class HostWithContainers {

    static final String POD_UID = "8d3f6a2e-91c4-4b7a-a5e0-1f2d3c4b5a69";
    static final String TASKS = "run/containerd/io.containerd.runtime.v2.task/";

    final Path root;

    public HostWithContainers(Path root) {
        this.root = root;
        process(1, "systemd", "0::/init.scope\n");
    }

    /** A 64-hex container id made of {@code digit}. */
    public static String id(char digit) {
        return String.valueOf(digit).repeat(64);
    }

    /** A Docker container under the systemd cgroup driver, named {@code name}, its bundle in containerd's moby namespace. */
    public Container docker(String id, long pid, String name) {
        process(pid, "python3", "0::/system.slice/docker-" + id + ".scope\n");
        write("var/lib/docker/containers/" + id + "/config.v2.json", "{\"Name\":\"/" + name
                + "\",\"Config\":{\"Labels\":{}},\"State\":{\"Pid\":" + pid + "}}");
        return new Container(id, pid, TASKS + "moby/" + id + "/config.json", List.of());
    }

    /** A Kubernetes container under containerd, in pod {@code namespace/pod}. */
    Container pod(String id, long pid, String namespace, String pod, String name) {
        return criContainer(id, pid, List.of("\"io.kubernetes.cri.container-type\":\"container\"",
                "\"io.kubernetes.cri.container-name\":\"" + name + "\"",
                "\"io.kubernetes.cri.sandbox-name\":\"" + pod + "\"",
                "\"io.kubernetes.cri.sandbox-namespace\":\"" + namespace + "\""), "python3");
    }

    /** A pod's sandbox (pause) container. */
    Container sandbox(String id, long pid, String namespace, String pod) {
        return criContainer(id, pid, List.of("\"io.kubernetes.cri.container-type\":\"sandbox\"",
                "\"io.kubernetes.cri.sandbox-name\":\"" + pod + "\"",
                "\"io.kubernetes.cri.sandbox-namespace\":\"" + namespace + "\""), "pause");
    }

    /** A process of the host itself. */
    void hostProcess(long pid, String comm) {
        process(pid, comm, "0::/system.slice/" + comm + ".service\n");
    }

    /** Removes every file of a process, as when it exits. */
    public void exit(long pid) {
        delete(root.resolve("proc/" + pid));
    }

    private Container criContainer(String id, long pid, List<String> annotations, String comm) {
        process(pid, comm, "0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod"
                + POD_UID.replace('-', '_') + ".slice/cri-containerd-" + id + ".scope\n");
        String task = TASKS + "k8s.io/" + id + "/";
        write(task + "init.pid", pid + "\n");
        return new Container(id, pid, task + "config.json", annotations).bundle();
    }

    private void process(long pid, String comm, String cgroup) {
        write("proc/" + pid + "/comm", comm + "\n");
        write("proc/" + pid + "/stat", pid + " (" + comm + ") S 1 " + pid + " " + pid
                + " 0 -1 4194560 1520 0 0 0 12 4 0 0 20 0 1 0 " + (100_000 + pid) + " 12345678 512\n");
        write("proc/" + pid + "/cgroup", cgroup);
    }

    public void write(String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path path) {
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One container's host-side files, changed through its methods. */
    public final class Container {

        final String id;
        final long pid;
        private final String bundlePath;
        private final List<String> annotations;
        private final List<String> devices = new ArrayList<>();
        private final List<String> hooks = new ArrayList<>();

        private Container(String id, long pid, String bundlePath, List<String> annotations) {
            this.id = id;
            this.pid = pid;
            this.bundlePath = bundlePath;
            this.annotations = new ArrayList<>(annotations);
        }

        /** Its init process's environment, NUL-separated as the kernel gives it. */
        public Container environ(String... variables) {
            write("proc/" + pid + "/environ", String.join("\0", variables) + "\0");
            return this;
        }

        /** A device entry in its OCI bundle. */
        Container device(String path) {
            devices.add("{\"path\":\"" + path + "\",\"type\":\"c\",\"major\":195,\"minor\":0}");
            return bundle();
        }

        /** A prestart hook in its OCI bundle. */
        Container hook(String path) {
            hooks.add("{\"path\":\"" + path + "\",\"args\":[\"" + path + "\",\"prestart\"]}");
            return bundle();
        }

        /** An annotation in its OCI bundle, as {@code "key":"value"}. */
        Container annotation(String key, String value) {
            annotations.add("\"" + key + "\":\"" + value + "\"");
            return bundle();
        }

        /** Docker's host config of this container. */
        Container hostConfig(String json) {
            write("var/lib/docker/containers/" + id + "/hostconfig.json", json);
            return this;
        }

        /** A folder inside the container, seen through its init process's root. */
        public Container folder(String inside) {
            try {
                Files.createDirectories(root.resolve("proc/" + pid + "/root/" + inside));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        /** An empty file inside the container, seen through its init process's root. */
        public Container file(String inside) {
            write("proc/" + pid + "/root/" + inside, "");
            return this;
        }

        /** A second process in the container. */
        Container child(long childPid) {
            process(childPid, "worker", readCgroup());
            return this;
        }

        private String readCgroup() {
            try {
                return Files.readString(root.resolve("proc/" + pid + "/cgroup"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Container bundle() {
            write(bundlePath, "{\"ociVersion\":\"1.1.0\",\"process\":{\"env\":[\"DB_PASSWORD=hunter2\"]},"
                    + "\"linux\":{\"devices\":[" + String.join(",", devices) + "]},"
                    + "\"hooks\":{\"prestart\":[" + String.join(",", hooks) + "]},"
                    + "\"annotations\":{" + annotations.stream().collect(Collectors.joining(",")) + "}}");
            return this;
        }
    }
}
