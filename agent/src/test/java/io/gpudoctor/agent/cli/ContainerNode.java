package io.gpudoctor.agent.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A simulated GPU node with one GPU container, written to a folder that {@code diagnose --simulate DIR
 * --container REF} reads: {@code scenario.yaml} (the driver and its GPUs, the container's process on
 * GPU 0), the host's files about the container ({@code proc/<pid>/…}, the runtime's metadata, the
 * OCI bundle) and the container's own root under {@code proc/<pid>/root}. It starts healthy: driver
 * 550.90.07 on two H100s, the host's libcuda bind-mounted and loaded, torch built for CUDA 12.1.
 * Files named like NVIDIA's libraries exist only in the test's temporary folder.
 */
final class ContainerNode {

    /** How the container's runtime and cgroup driver show in the host's files. */
    enum Layout {
        DOCKER_SYSTEMD, DOCKER_CGROUPFS, CONTAINERD_KUBERNETES, CONTAINERD_KUBERNETES_CGROUP_V1, CRIO, PODMAN
    }

    static final String ID = "3f4e5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7081";
    static final String OTHER_ID = "0e1d2c3b4a5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static final long PID = 4242;
    static final long OTHER_PID = 4400;
    static final String POD_UID = "8d3f6a2e-91c4-4b7a-a5e0-1f2d3c4b5a69";
    static final String TORCH = "usr/local/lib/python3.10/dist-packages/torch/version.py";

    final Path dir;
    final Path root;
    final Path containerRoot;
    Layout layout = Layout.DOCKER_SYSTEMD;
    String driver = "550.90.07";
    String cudaDriver = "12.4";
    String gpuModel = "H100";
    final Map<String, String> environ = new LinkedHashMap<>();
    String shmSize = "16777216k";
    String lockedMemory = "unlimited              unlimited";
    final List<String> mappedLibraries = new ArrayList<>();
    final List<String> mountedLibraries = new ArrayList<>();
    boolean runtimeHook = true;
    final List<String> bundleDevices = new ArrayList<>(List.of("/dev/nvidiactl", "/dev/nvidia-uvm", "/dev/nvidia0"));
    boolean neighbourOnGpu0;

    ContainerNode(Path dir) throws IOException {
        this.dir = dir;
        this.root = dir.resolve("root");
        this.containerRoot = root.resolve("proc/" + PID + "/root");
        environ.put("PATH", "/usr/local/nvidia/bin:/usr/local/cuda/bin:/usr/bin:/bin");
        environ.put("NVIDIA_VISIBLE_DEVICES", "all");
        environ.put("NVIDIA_DRIVER_CAPABILITIES", "compute,utility");
        environ.put("CUDA_VERSION", "12.1.1");
        environ.put("NVIDIA_REQUIRE_CUDA", "cuda>=12.1 brand=tesla,driver>=470,driver<471");
        environ.put("LD_LIBRARY_PATH", "/usr/local/nvidia/lib:/usr/local/nvidia/lib64");
        mountedLibraries.add("/usr/lib/x86_64-linux-gnu/libcuda.so." + driver);
        mountedLibraries.add("/usr/lib/x86_64-linux-gnu/libnvidia-ml.so." + driver);
        mappedLibraries.add("/usr/lib/x86_64-linux-gnu/libcuda.so." + driver);
        for (String node : List.of("dev/nvidia0", "dev/nvidiactl", "dev/nvidia-uvm", "dev/nvidia-uvm-tools")) {
            file(node, "");
        }
        file("lib64/ld-linux-x86-64.so.2", "");
        torch("2.4.0+cu121", "'12.1'");
        file("usr/local/cuda/version.json", "{\"cuda\":{\"name\":\"CUDA SDK\",\"version\":\"12.1.1\"}}");
    }

    ContainerNode env(String name, String value) {
        environ.put(name, value);
        return this;
    }

    ContainerNode withoutEnv(String name) {
        environ.remove(name);
        return this;
    }

    /** Writes {@code torch/version.py} of a build; {@code cuda} as Python writes it ({@code None}, {@code '12.8'}). */
    ContainerNode torch(String version, String cuda) throws IOException {
        file(TORCH, "__version__ = '" + version + "'\ndebug = False\ncuda: Optional[str] = " + cuda
                + "\nhip: Optional[str] = None\n");
        return this;
    }

    /** A file inside the container. */
    Path file(String inside, String content) throws IOException {
        return file(inside, content.getBytes(StandardCharsets.UTF_8));
    }

    Path file(String inside, byte[] content) throws IOException {
        Path file = containerRoot.resolve(inside);
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    void delete(String inside) throws IOException {
        Files.deleteIfExists(containerRoot.resolve(inside));
    }

    /** Runs {@code gpu-doctor diagnose --simulate DIR --container REF --format json}. */
    CliRun diagnose(String ref) throws IOException {
        return diagnose(ref, "json");
    }

    /** Runs {@code gpu-doctor diagnose --simulate DIR --container REF --format FORMAT}. */
    CliRun diagnose(String ref, String format) throws IOException {
        write();
        return CliRun.of("diagnose", "--simulate", dir.toString(), "--container", ref, "--format", format);
    }

    /** Writes the scenario and the host's side of the container; the container's root is written as it is built. */
    void write() throws IOException {
        host("proc/stat", "cpu  1 2 3 4\nbtime 1763884800\nprocesses 9000\n");
        host("proc/1/stat", "1 (systemd) S 0 1 1 0 -1 4194560 1 0 0 0 1 1 0 0 20 0 1 0 1 1 1 1 1 1 0 0 0 0 0 0 0 0 17 0 0 0\n");
        host("proc/1/cgroup", "0::/init.scope\n");
        process(PID, ID, "python3");
        host("proc/" + PID + "/environ", environ.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\0", "", "\0")));
        host("proc/" + PID + "/mountinfo", mountinfo());
        host("proc/" + PID + "/maps", mappedLibraries.stream()
                .map(l -> "7f2a10000000-7f2a10200000 r-xp 00000000 103:02 1234 " + l).collect(Collectors.joining("\n", "", "\n")));
        host("proc/" + PID + "/limits", "Limit                     Soft Limit           Hard Limit           Units\n"
                + "Max locked memory         " + lockedMemory + "            bytes\n");
        metadata(ID, PID, "trainer");
        if (neighbourOnGpu0) {
            process(OTHER_PID, OTHER_ID, "python3");
            Files.createDirectories(root.resolve("proc/" + OTHER_PID + "/root"));
            metadata(OTHER_ID, OTHER_PID, "notebook");
        }
        Files.writeString(dir.resolve("scenario.yaml"), "driverVersion: " + driver + "\ncudaDriverVersion: "
                + cudaDriver + "\ngpus:\n  - model: " + gpuModel + "\n    processes:\n"
                + "      - {pid: " + PID + ", memoryUsed: 20GiB, name: python3}\n"
                + (neighbourOnGpu0 ? "      - {pid: " + OTHER_PID + ", memoryUsed: 30GiB, name: python3}\n" : "")
                + "  - model: " + gpuModel + "\n");
    }

    private String mountinfo() {
        StringBuilder text = new StringBuilder(
                "1203 1151 0:178 / / rw,relatime master:466 - overlay overlay rw,lowerdir=/var/lib/docker/overlay2/l/A\n"
                + "1204 1203 0:181 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw\n"
                + "1205 1203 0:182 / /dev rw,nosuid - tmpfs tmpfs rw,size=65536k,mode=755,inode64\n"
                + "1211 1205 0:180 / /dev/shm rw,nosuid,nodev,noexec,relatime - tmpfs shm rw,size=" + shmSize
                + ",inode64\n");
        int id = 1220;
        for (String library : mountedLibraries) {
            text.append(id++).append(" 1203 259:2 ").append(library).append(' ').append(library)
                    .append(" ro,nosuid,nodev,relatime master:1 - ext4 /dev/nvme0n1p2 rw,errors=remount-ro\n");
        }
        return text.toString();
    }

    private void process(long pid, String id, String comm) throws IOException {
        host("proc/" + pid + "/comm", comm + "\n");
        host("proc/" + pid + "/stat", pid + " (" + comm + ") S 4220 " + pid + " " + pid
                + " 0 -1 4194560 1520 0 0 0 12 4 0 0 20 0 1 0 120000 12345678 512 18446744073709551615 1 1 0 0 0 0 0 "
                + "4096 0 0 0 0 17 3 0 0 0 0 0\n");
        host("proc/" + pid + "/cgroup", cgroup(id));
    }

    private String cgroup(String id) {
        String podSlice = "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod"
                + POD_UID.replace('-', '_') + ".slice/";
        return switch (layout) {
            case DOCKER_SYSTEMD -> "0::/system.slice/docker-" + id + ".scope\n";
            case DOCKER_CGROUPFS -> v1("/docker/" + id);
            case CONTAINERD_KUBERNETES -> "0::" + podSlice + "cri-containerd-" + id + ".scope\n";
            case CONTAINERD_KUBERNETES_CGROUP_V1 -> v1("/kubepods/burstable/pod" + POD_UID + "/" + id);
            case CRIO -> "0::" + podSlice + "crio-" + id + ".scope\n";
            case PODMAN -> "0::/machine.slice/libpod-" + id + ".scope/container\n";
        };
    }

    private static String v1(String path) {
        return "12:pids:" + path + "\n5:devices:" + path + "\n4:memory:" + path + "\n2:cpu,cpuacct:" + path
                + "\n1:name=systemd:" + path + "\n0::/\n";
    }

    private void metadata(String id, long pid, String name) throws IOException {
        String annotations;
        String bundle;
        switch (layout) {
            case DOCKER_SYSTEMD, DOCKER_CGROUPFS -> {
                host("var/lib/docker/containers/" + id + "/config.v2.json", "{\"ID\":\"" + id + "\",\"Name\":\"/" + name
                        + "\",\"State\":{\"Running\":true,\"Pid\":" + pid + "},\"Config\":{\"Env\":"
                        + jsonList(environ) + ",\"Labels\":{}}}");
                annotations = "{}";
                bundle = "run/containerd/io.containerd.runtime.v2.task/moby/" + id + "/";
            }
            case CONTAINERD_KUBERNETES, CONTAINERD_KUBERNETES_CGROUP_V1 -> {
                annotations = "{\"io.kubernetes.cri.container-type\":\"container\",\"io.kubernetes.cri.container-name\":\""
                        + name + "\",\"io.kubernetes.cri.sandbox-name\":\"train-job-0\",\"io.kubernetes.cri.sandbox-namespace\":"
                        + "\"ml\",\"io.kubernetes.cri.sandbox-uid\":\"" + POD_UID + "\"}";
                bundle = "run/containerd/io.containerd.runtime.v2.task/k8s.io/" + id + "/";
            }
            case CRIO -> {
                annotations = "{\"io.kubernetes.container.name\":\"" + name + "\",\"io.kubernetes.pod.name\":\"train-job-0\","
                        + "\"io.kubernetes.pod.namespace\":\"ml\",\"io.kubernetes.pod.uid\":\"" + POD_UID + "\","
                        + "\"io.kubernetes.cri-o.ContainerType\":\"container\"}";
                bundle = "run/containers/storage/overlay-containers/" + id + "/userdata/";
            }
            case PODMAN -> {
                annotations = "{\"io.container.manager\":\"libpod\"}";
                bundle = "var/lib/containers/storage/overlay-containers/" + id + "/userdata/";
            }
            default -> throw new IllegalStateException(layout.name());
        }
        host(bundle + (layout == Layout.CRIO || layout == Layout.PODMAN ? "pidfile" : "init.pid"), pid + "\n");
        String hooks = runtimeHook ? "{\"prestart\":[{\"path\":\"/usr/bin/nvidia-container-runtime-hook\","
                + "\"args\":[\"nvidia-container-runtime-hook\",\"prestart\"]}]}" : "{}";
        String devices = bundleDevices.stream().map(d -> "{\"path\":\"" + d + "\",\"type\":\"c\",\"major\":195}")
                .collect(Collectors.joining(",", "[", "]"));
        host(bundle + "config.json", "{\"ociVersion\":\"1.1.0\",\"process\":{\"env\":" + jsonList(environ)
                + ",\"cwd\":\"/\"},\"root\":{\"path\":\"rootfs\"},\"hooks\":" + hooks + ",\"annotations\":"
                + annotations + ",\"linux\":{\"devices\":" + devices + "}}");
    }

    private static String jsonList(Map<String, String> env) {
        return env.entrySet().stream()
                .map(e -> "\"" + (e.getKey() + "=" + e.getValue()).replace("\\", "\\\\").replace("\"", "\\\"")
                        .replace("\n", "\\n") + "\"")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private void host(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
