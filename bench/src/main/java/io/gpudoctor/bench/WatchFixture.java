package io.gpudoctor.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a host root with many containers for {@link WatchBenchmark}: half Docker containers, half
 * Kubernetes pods under containerd (each with its sandbox), every container with three processes,
 * plus host processes. Every {@code gpuEvery}-th container asked for a GPU (NVIDIA_VISIBLE_DEVICES
 * and NVIDIA devices in its bundle) and has a small image root; the others are plain runc ones.
 */
final class WatchFixture {

    static final int HOST_PROCESSES = 150;
    private static final String TASKS = "run/containerd/io.containerd.runtime.v2.task/";

    private final Path root;

    private WatchFixture(Path root) {
        this.root = root;
    }

    /** Writes {@code containers} containers of which one in {@code gpuEvery} asked for a GPU. */
    static void write(Path root, int containers, int gpuEvery) throws IOException {
        WatchFixture host = new WatchFixture(root);
        host.file("proc/stat", "cpu  1 2 3 4\nbtime 1763884800\nprocesses 90000\n");
        for (int p = 1; p <= HOST_PROCESSES; p++) {
            host.process(p, "0::/system.slice/svc" + p + ".service\n");
        }
        for (int c = 0; c < containers; c++) {
            host.container(c, c % gpuEvery == 0);
        }
    }

    private void container(int index, boolean gpu) throws IOException {
        String id = String.format("%064x", 0xc0ffee00L + index);
        long pid = 10_000 + index * 10L;
        boolean docker = index % 2 == 0;
        String cgroup;
        String bundle;
        if (docker) {
            cgroup = "0::/system.slice/docker-" + id + ".scope\n";
            file("var/lib/docker/containers/" + id + "/config.v2.json", "{\"Name\":\"/app-" + index
                    + "\",\"Config\":{\"Labels\":{}},\"State\":{\"Pid\":" + pid + "}}");
            file("var/lib/docker/containers/" + id + "/hostconfig.json", "{\"Runtime\":\"runc\",\"NetworkMode\":\"bridge\"}");
            bundle = TASKS + "moby/" + id + "/config.json";
        } else {
            String podSlice = "0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod"
                    + String.format("%08x_0000_4000_8000_%012x", index, index) + ".slice/";
            cgroup = podSlice + "cri-containerd-" + id + ".scope\n";
            bundle = TASKS + "k8s.io/" + id + "/config.json";
            file(TASKS + "k8s.io/" + id + "/init.pid", pid + "\n");
            String sandbox = String.format("%064x", 0x5a4db0c00L + index);
            long sandboxPid = pid + 9;
            process(sandboxPid, podSlice + "cri-containerd-" + sandbox + ".scope\n");
            file(TASKS + "k8s.io/" + sandbox + "/init.pid", sandboxPid + "\n");
            file(TASKS + "k8s.io/" + sandbox + "/config.json", "{\"annotations\":{"
                    + "\"io.kubernetes.cri.container-type\":\"sandbox\",\"io.kubernetes.cri.sandbox-name\":\"pod-" + index
                    + "\",\"io.kubernetes.cri.sandbox-namespace\":\"ns\"}}");
        }
        file(bundle, "{\"ociVersion\":\"1.1.0\",\"process\":{\"env\":[\"PATH=/usr/bin\",\"DB_PASSWORD=x\"]},"
                + "\"linux\":{\"devices\":[" + (gpu ? "{\"path\":\"/dev/nvidia0\"},{\"path\":\"/dev/nvidiactl\"}" : "")
                + "]},\"annotations\":{\"io.kubernetes.cri.container-type\":\"container\","
                + "\"io.kubernetes.cri.container-name\":\"app\",\"io.kubernetes.cri.sandbox-name\":\"pod-" + index
                + "\",\"io.kubernetes.cri.sandbox-namespace\":\"ns\"}}");
        for (int p = 0; p < 3; p++) {
            process(pid + p, cgroup);
        }
        String environ = gpu
                ? "PATH=/usr/local/cuda/bin:/usr/bin\0NVIDIA_VISIBLE_DEVICES=all\0NVIDIA_DRIVER_CAPABILITIES=compute,utility\0"
                  + "CUDA_VERSION=12.4.1\0HOME=/root\0"
                : "PATH=/usr/bin\0HOME=/root\0SECRET_TOKEN=abc\0";
        file("proc/" + pid + "/environ", environ);
        if (gpu) {
            image(pid);
        }
    }

    private void image(long pid) throws IOException {
        String proc = "proc/" + pid + "/";
        file(proc + "mountinfo", "1203 1151 0:178 / / rw,relatime - overlay overlay rw\n"
                + "1211 1205 0:180 / /dev/shm rw,nosuid,nodev - tmpfs shm rw,size=65536k\n"
                + "1220 1203 259:2 /usr/lib/x86_64-linux-gnu/libcuda.so.550.90.07 /usr/lib/x86_64-linux-gnu/"
                + "libcuda.so.550.90.07 ro,nosuid,nodev,relatime - ext4 /dev/nvme0n1p2 rw\n");
        file(proc + "limits", "Limit                     Soft Limit           Hard Limit           Units\n"
                + "Max locked memory         unlimited            unlimited            bytes\n");
        file(proc + "maps", "7f2a10000000-7f2a10200000 r-xp 00000000 103:02 1234 "
                + "/usr/lib/x86_64-linux-gnu/libcuda.so.550.90.07\n");
        for (String node : new String[] {"dev/nvidia0", "dev/nvidiactl", "dev/nvidia-uvm", "lib64/ld-linux-x86-64.so.2"}) {
            file(proc + "root/" + node, "");
        }
        file(proc + "root/usr/local/cuda/version.json", "{\"cuda\":{\"version\":\"12.4.1\"}}");
        file(proc + "root/usr/local/lib/python3.10/dist-packages/torch/version.py",
                "__version__ = '2.4.0+cu121'\ncuda: Optional[str] = '12.1'\n");
    }

    private void process(long pid, String cgroup) throws IOException {
        file("proc/" + pid + "/comm", "python3\n");
        file("proc/" + pid + "/stat", pid + " (python3) S 1 " + pid + " " + pid
                + " 0 -1 4194560 1520 0 0 0 12 4 0 0 20 0 1 0 " + (100_000 + pid) + " 12345678 512\n");
        file("proc/" + pid + "/cgroup", cgroup);
    }

    private void file(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
