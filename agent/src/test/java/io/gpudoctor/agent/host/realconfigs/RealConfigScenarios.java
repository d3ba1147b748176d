package io.gpudoctor.agent.host.realconfigs;

import static io.gpudoctor.agent.host.realconfigs.RealConfigHost.corpus;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Real-world host situations built around the corpus files, each with the verdict a correct
 * diagnosis gives: {@code ok} for every correctly configured host, and for a broken one the finding
 * that names its cause. Where a scenario needs a file the corpus does not hold verbatim (a drop-in
 * with {@code --set-as-default}, a rendered template), it is made from a corpus file by the one
 * change the tool or distribution makes, written out here.
 */
public final class RealConfigScenarios {

    /** What {@code nvidia-ctk runtime configure --runtime=docker} writes. */
    static final String DAEMON_JSON_NVIDIA = """
            {
                "runtimes": {
                    "nvidia": {
                        "args": [],
                        "path": "nvidia-container-runtime"
                    }
                }
            }
            """;
    /** The top-level file the NVIDIA installer writes next to its drop-in (config_test.go line 581). */
    static final String CONTAINERD_IMPORTS = "imports = [\"/etc/containerd/conf.d/*.toml\"]\nversion = 2\n";
    static final String TOOLKIT = "1.17.8-1";
    static final String K3S_CONFIG = "/var/lib/rancher/k3s/agent/etc/containerd/config.toml";
    static final String RKE2_CONFIG = "/var/lib/rancher/rke2/agent/etc/containerd/config.toml";
    static final String MICROK8S_ARGS = "/var/snap/microk8s/current/args";

    /** One host situation and the verdict it must get. */
    public record Scenario(String situation, Consumer<RealConfigHost> build, String verdict) {

        public RealConfigHost host(Path root) {
            RealConfigHost host = new RealConfigHost(root);
            build.accept(host);
            return host;
        }

        @Override
        public String toString() {
            return situation;
        }
    }

    private RealConfigScenarios() {
    }

    public static List<Scenario> all() {
        return List.of(
                new Scenario("Debian 12 Docker workstation (docker.io, Debian's containerd with CRI on)",
                        RealConfigScenarios::debianDocker, "ok"),
                new Scenario("Docker CE whose containerd config enables CRI (NVIDIA's test config_v2)", host -> host
                        .real("/etc/containerd/config.toml", "nvidia-toolkit/containerd-config_v2.toml")
                        .executables("/usr/bin/dockerd", "/usr/bin/containerd")
                        .file("/etc/docker/daemon.json", DAEMON_JSON_NVIDIA)
                        .real("/etc/nvidia-container-runtime/config.toml", "nvidia-toolkit/config.toml.ubuntu")
                        .toolkitPackages(TOOLKIT)
                        .process(900, "dockerd", "/usr/bin/dockerd", "-H", "fd://", "--containerd=/run/containerd/containerd.sock")
                        .process(880, "containerd", "/usr/bin/containerd"), "ok"),
                new Scenario("Docker without the toolkit (NVIDIA's test daemon.json)", host -> host
                        .executables("/usr/bin/dockerd")
                        .real("/etc/docker/daemon.json", "nvidia-toolkit/docker-daemon.json")
                        .process(900, "dockerd", "/usr/bin/dockerd", "-H", "fd://"),
                        "error (error TOOLKIT_NOT_INSTALLED, error DOCKER_RUNTIME_NOT_CONFIGURED)"),
                new Scenario("k3s node started with --default-runtime=nvidia, device plugin registered",
                        host -> k3s(host, K3S_CONFIG, true).devicePluginRegistered(), "ok"),
                new Scenario("k3s node as k3s renders it (nvidia runtime not default), device plugin not registered",
                        host -> k3s(host, K3S_CONFIG, false), "warn (warn NVIDIA_RUNTIME_NOT_DEFAULT)"),
                new Scenario("k3s node as rendered, device plugin registered (pods use runtimeClassName: nvidia)",
                        host -> k3s(host, K3S_CONFIG, false).devicePluginRegistered(), "ok"),
                new Scenario("k3s node without the toolkit (k3s renders no nvidia runtime)", host -> host
                        .file(K3S_CONFIG, corpus("k3s/config.toml").substring(0,
                                corpus("k3s/config.toml").indexOf("[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.\"nvidia\"]")))
                        .executables("/usr/local/bin/k3s")
                        .process(700, "k3s-server", "/usr/local/bin/k3s", "server")
                        .process(720, "containerd", "containerd", "-c", K3S_CONFIG,
                                "-a", "/run/k3s/containerd/containerd.sock"),
                        "error (error TOOLKIT_NOT_INSTALLED, error CONTAINERD_RUNTIME_NOT_CONFIGURED)"),
                new Scenario("RKE2 node with --default-runtime=nvidia, device plugin registered",
                        host -> k3s(host, RKE2_CONFIG, true).devicePluginRegistered(), "ok"),
                new Scenario("MicroK8s with its GPU runtime (containerd-template.toml, toolkit in the snap)",
                        RealConfigScenarios::microk8s, "ok"),
                new Scenario("Talos with the nvidia-container-toolkit extension, device plugin registered",
                        host -> talos(host).devicePluginRegistered(), "ok"),
                new Scenario("kubeadm node, containerd drop-in without --set-as-default, CDI off, device plugin failing",
                        RealConfigScenarios::kubeadmNotDefault,
                        "error (error DEVICE_PLUGIN_NOT_RUNNING, warn NVIDIA_RUNTIME_NOT_DEFAULT)"),
                new Scenario("kubeadm node, containerd v1 config from nvidia-ctk --set-as-default",
                        host -> kubeadm(host)
                                .real("/etc/containerd/config.toml", "nvidia-toolkit/installer-containerd-v1-set-as-default.toml")
                                .devicePluginRegistered(), "ok"),
                new Scenario("GPU Operator with CDI: containerd enable_cdi, nvidia default, operator's specs only",
                        RealConfigScenarios::operatorCdi, "ok"),
                new Scenario("Docker with features.cdi and default-runtime nvidia, no CDI spec", host -> debianDocker(host)
                        .file("/etc/docker/daemon.json", """
                                {"default-runtime": "nvidia", "features": {"cdi": true},
                                 "runtimes": {"nvidia": {"args": [], "path": "nvidia-container-runtime"}}}
                                """), "ok"),
                new Scenario("Toolkit 1.17.6 with NVIDIA's CVE-2025-23266 mitigation applied", host -> debianDocker(host)
                        .toolkitPackages("1.17.6-1")
                        .file("/etc/nvidia-container-runtime/config.toml", corpus("nvidia-toolkit/config.toml.debian")
                                + "\n[features]\ndisable-cuda-compat-lib-hook = true\n"), "ok"),
                new Scenario("Toolkit 1.17.6 without the mitigation",
                        host -> debianDocker(host).toolkitPackages("1.17.6-1"), "error (error TOOLKIT_VULNERABLE)"),
                new Scenario("WSL2 with Docker and the CDI spec nvidia-ctk writes there (device all, /dev/dxg)",
                        host -> debianDocker(host).file("/etc/cdi/nvidia.yaml", WSL_SPEC), "ok"),
                new Scenario("CRI-O with crun as default and NVIDIA's drop-in without --set-as-default",
                        host -> crio(host, "crio/installer-crio-99-nvidia.toml"),
                        "error (error DEVICE_PLUGIN_NOT_RUNNING, warn NVIDIA_RUNTIME_NOT_DEFAULT)"),
                new Scenario("CRI-O with NVIDIA's drop-in set as default",
                        host -> crio(host, "crio/installer-crio-99-nvidia-set-as-default.toml").devicePluginRegistered(),
                        "ok"),
                new Scenario("CRI-O with the GPU Operator's OCI hook in /run/containers/oci/hooks.d", host -> crioBase(host)
                        .real("/run/containers/oci/hooks.d/oci-nvidia-hook.json", "nvidia-toolkit/oci-nvidia-hook.json")
                        .devicePluginRegistered(), "ok"),
                new Scenario("CRI-O with only another vendor's OCI hook (CRI-O's own test hook) and no NVIDIA runtime",
                        host -> crioBase(host).real("/usr/share/containers/oci/hooks.d/checkhook.json", "crio/checkhook.json")
                                .devicePluginRegistered(), "error (error CRIO_RUNTIME_NOT_CONFIGURED)"),
                new Scenario("CRI-O with the NVIDIA hook in a hooks_dir set in crio.conf", host -> crioBase(host)
                        .file("/etc/crio/crio.conf", corpus("crio/installer-crio-crun-default.conf")
                                .replace("[crio.runtime]\n", "[crio.runtime]\nhooks_dir = [\"/opt/nvidia/hooks\"]\n"))
                        .real("/opt/nvidia/hooks/oci-nvidia-hook.json", "nvidia-toolkit/oci-nvidia-hook.json")
                        .devicePluginRegistered(), "ok"),
                new Scenario("Toolkit whose nvidia-container-cli.root is the operator's driver root, driver container up",
                        host -> debianDocker(host).file("/etc/nvidia-container-runtime/config.toml", OPERATOR_ROOT)
                                .executables("/run/nvidia/driver/usr/bin/nvidia-smi"), "ok"),
                new Scenario("Toolkit whose nvidia-container-cli.root is the operator's driver root, driver container gone",
                        host -> debianDocker(host).file("/etc/nvidia-container-runtime/config.toml", OPERATOR_ROOT),
                        "error (error TOOLKIT_CONFIG_INVALID)"),
                new Scenario("HPC node with GPUs and no container engine", host -> host
                        .file("/var/lib/dpkg/status", "Package: slurm-client\nStatus: install ok installed\nVersion: 22.05.8-4\n"),
                        "ok"));
    }

    /** Debian 12: {@code apt install docker.io} (pulls Debian's containerd) and the toolkit configured for Docker. */
    static RealConfigHost debianDocker(RealConfigHost host) {
        return host.real("/etc/containerd/config.toml", "debian/containerd-config.toml")
                .real("/lib/systemd/system/containerd.service", "debian/containerd.service")
                .real("/lib/systemd/system/docker.service", "debian/docker.service")
                .executables("/usr/sbin/dockerd", "/usr/bin/containerd")
                .file("/etc/docker/daemon.json", DAEMON_JSON_NVIDIA)
                .real("/etc/nvidia-container-runtime/config.toml", "nvidia-toolkit/config.toml.debian")
                .toolkitPackages(TOOLKIT)
                .process(900, "dockerd", "/usr/sbin/dockerd", "-H", "fd://", "--containerd=/run/containerd/containerd.sock")
                .process(880, "containerd", "/usr/bin/containerd");
    }

    /** k3s (or RKE2) with the toolkit's runtimes, which k3s finds and renders into its config. */
    static RealConfigHost k3s(RealConfigHost host, String config, boolean nvidiaDefault) {
        String rendered = corpus("k3s/config.toml");
        if (nvidiaDefault) {
            // what --default-runtime=nvidia adds to the containerd table of the template
            rendered = rendered.replace("  disable_snapshot_annotations = true\n",
                    "  disable_snapshot_annotations = true\n  default_runtime_name = \"nvidia\"\n");
        }
        boolean rke2 = config.equals(RKE2_CONFIG);
        return host.file(config, rendered)
                .file(config + ".tmpl.example", "")
                .toolkitPackages(TOOLKIT)
                .executables("/usr/bin/nvidia-container-runtime-experimental", rke2 ? "/usr/local/bin/rke2" : "/usr/local/bin/k3s")
                .real("/etc/nvidia-container-runtime/config.toml", "nvidia-toolkit/config.toml.ubuntu")
                .process(700, rke2 ? "rke2" : "k3s-server", rke2 ? "/usr/local/bin/rke2" : "/usr/local/bin/k3s",
                        rke2 ? "agent" : "server")
                .devCharLinks()
                .process(720, "containerd", "containerd", "-c", config,
                        "-a", rke2 ? "/run/k3s/containerd/containerd.sock" : "/run/k3s/containerd/containerd.sock");
    }

    /** MicroK8s renders args/containerd.toml from its template, replacing ${VAR} from args/containerd-env. */
    static RealConfigHost microk8s(RealConfigHost host) {
        String template = corpus("microk8s/containerd-template.toml");
        String rendered = template.replace("${RUNTIME}", "nvidia-container-runtime")
                .replace("${SNAPSHOTTER}", "overlayfs")
                .replace("${SNAP_DATA}", "/var/snap/microk8s/current");
        return host.file(MICROK8S_ARGS + "/containerd-template.toml", template)
                .file(MICROK8S_ARGS + "/containerd.toml", rendered)
                .real(MICROK8S_ARGS + "/nvidia-container-runtime/config.toml", "microk8s/nvidia-container-runtime-config.toml")
                .executables("/snap/microk8s/current/bin/containerd", "/snap/microk8s/current/usr/bin/nvidia-container-runtime",
                        "/snap/microk8s/current/usr/bin/nvidia-container-cli")
                .file("/var/snap/microk8s/common/var/lib/kubelet/device-plugins/nvidia-gpu.sock", "")
                .process(600, "kubelite", "/snap/microk8s/current/kubelite")
                .process(610, "containerd", "/snap/microk8s/current/bin/containerd",
                        "--config", MICROK8S_ARGS + "/containerd.toml", "--root", "/var/snap/microk8s/common/var/lib/containerd");
    }

    /** Talos merges /etc/cri/conf.d/*.part into cri.toml, which the CRI containerd's config imports. */
    static RealConfigHost talos(RealConfigHost host) {
        return host.real("/etc/containerd/config.toml", "talos/containerd.toml")
                .real("/etc/cri/containerd.toml", "talos/cri-containerd.toml")
                .real("/etc/cri/conf.d/00-base.part", "talos/cri-plugin.part")
                .real("/etc/cri/conf.d/10-nvidia-container-runtime.part", "talos/10-nvidia-container-runtime.part")
                .file("/etc/cri/conf.d/cri.toml", corpus("talos/cri-plugin.part") + "\n"
                        + corpus("talos/10-nvidia-container-runtime.part"))
                .real("/usr/local/etc/nvidia-container-runtime/config.toml", "talos/nvidia-container-runtime.toml")
                .executables("/bin/containerd", "/usr/local/bin/nvidia-container-runtime",
                        "/usr/local/bin/nvidia-container-cli", "/usr/local/bin/nvidia-ctk")
                .process(300, "containerd", "/bin/containerd", "--address", "/system/run/containerd/containerd.sock",
                        "--config", "/etc/containerd/config.toml")
                .process(400, "containerd", "/bin/containerd", "--address", "/run/containerd/containerd.sock",
                        "--config", "/etc/cri/containerd.toml")
                .process(500, "kubelet", "/usr/local/bin/kubelet", "--config=/etc/kubernetes/kubelet.yaml");
    }

    static RealConfigHost kubeadm(RealConfigHost host) {
        return host.executables("/usr/bin/containerd", "/usr/bin/kubelet")
                .toolkitPackages(TOOLKIT)
                .real("/etc/nvidia-container-runtime/config.toml", "nvidia-toolkit/config.toml.ubuntu")
                .file("/var/lib/kubelet/config.yaml", "kind: KubeletConfiguration\n")
                .devCharLinks()
                .process(880, "containerd", "/usr/bin/containerd")
                .process(950, "kubelet", "/usr/bin/kubelet", "--config=/var/lib/kubelet/config.yaml");
    }

    static RealConfigHost kubeadmNotDefault(RealConfigHost host) {
        return kubeadm(host).file("/etc/containerd/config.toml", CONTAINERD_IMPORTS)
                .real("/etc/containerd/conf.d/99-nvidia.toml", "nvidia-toolkit/installer-containerd-v2-dropin.toml");
    }

    /** The GPU Operator's toolkit: drop-in with --set-as-default and --cdi-enabled, binaries under /usr/local/nvidia/toolkit. */
    static RealConfigHost operatorCdi(RealConfigHost host) {
        String dropIn = corpus("nvidia-toolkit/installer-containerd-v2-dropin.toml")
                .replace("/usr/bin/", "/usr/local/nvidia/toolkit/")
                .replace("    [plugins.\"io.containerd.grpc.v1.cri\".containerd]\n",
                        "    enable_cdi = true\n\n    [plugins.\"io.containerd.grpc.v1.cri\".containerd]\n"
                                + "      default_runtime_name = \"nvidia\"\n");
        return host.executables("/usr/bin/containerd", "/usr/bin/kubelet",
                        "/usr/local/nvidia/toolkit/nvidia-container-runtime", "/usr/local/nvidia/toolkit/nvidia-container-runtime.cdi",
                        "/usr/local/nvidia/toolkit/nvidia-container-runtime.legacy", "/usr/local/nvidia/toolkit/nvidia-ctk")
                .file("/etc/containerd/config.toml", CONTAINERD_IMPORTS)
                .file("/etc/containerd/conf.d/99-nvidia.toml", dropIn)
                .file("/var/run/cdi/management.nvidia.com-gpu.yaml", MANAGEMENT_SPEC)
                .file("/var/lib/kubelet/config.yaml", "kind: KubeletConfiguration\n")
                .process(880, "containerd", "/usr/bin/containerd")
                .process(950, "kubelet", "/usr/bin/kubelet")
                .devicePluginRegistered();
    }

    static RealConfigHost crioBase(RealConfigHost host) {
        return host.executables("/usr/bin/crio", "/usr/bin/crun", "/usr/bin/kubelet")
                .real("/etc/crio/crio.conf", "crio/installer-crio-crun-default.conf")
                .toolkitPackages(TOOLKIT)
                .real("/etc/nvidia-container-runtime/config.toml", "nvidia-toolkit/config.toml.rpm-yum")
                .file("/var/lib/kubelet/config.yaml", "kind: KubeletConfiguration\n")
                .devCharLinks()
                .process(870, "crio", "/usr/bin/crio")
                .process(950, "kubelet", "/usr/bin/kubelet");
    }

    static RealConfigHost crio(RealConfigHost host, String dropIn) {
        return crioBase(host).real("/etc/crio/crio.conf.d/99-nvidia.toml", dropIn);
    }

    static final String OPERATOR_ROOT = """
            [nvidia-container-cli]
            root = "/run/nvidia/driver"
            path = "/usr/bin/nvidia-container-cli"
            environment = []
            ldconfig = "@/run/nvidia/driver/sbin/ldconfig"
            load-kmods = true

            [nvidia-container-runtime]
            log-level = "info"
            mode = "auto"
            """;

    /** The shape of the spec nvidia-ctk generates under WSL2 (pkg/nvcdi/device-wsl.go): one device, all, on /dev/dxg. */
    static final String WSL_SPEC = """
            cdiVersion: 0.5.0
            kind: nvidia.com/gpu
            devices:
                - name: all
                  containerEdits:
                    deviceNodes:
                        - path: /dev/dxg
            containerEdits:
                env:
                    - NVIDIA_VISIBLE_DEVICES=void
                hooks:
                    - hookName: createContainer
                      path: /usr/bin/nvidia-cdi-hook
                      args:
                        - nvidia-cdi-hook
                        - create-symlinks
                        - --link
                        - /usr/lib/wsl/drivers/nvlti.inf_amd64_abc/nvidia-smi::/usr/bin/nvidia-smi
                      env:
                        - NVIDIA_CTK_DEBUG=false
                mounts:
                    - hostPath: /usr/lib/wsl/lib/libcuda.so.1.1
                      containerPath: /usr/lib/wsl/lib/libcuda.so.1.1
                      options:
                        - ro
                        - nosuid
                        - nodev
                        - bind
            """;

    /** The GPU Operator's management spec (vendor management.nvidia.com), devices all and by index. */
    static final String MANAGEMENT_SPEC = """
            cdiVersion: 0.5.0
            kind: management.nvidia.com/gpu
            devices:
                - name: all
                  containerEdits:
                    deviceNodes:
                        - path: /dev/nvidia0
                        - path: /dev/nvidia1
                        - path: /dev/nvidiactl
                        - path: /dev/nvidia-uvm
            containerEdits:
                env:
                    - NVIDIA_VISIBLE_DEVICES=void
            """;
}
