package io.gpudoctor.agent.host.engines;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.host.docker.DockerFacts;
import io.gpudoctor.agent.host.runtime.RuntimeFindings;
import io.gpudoctor.agent.host.toolkit.ToolkitConfig;
import io.gpudoctor.agent.host.toolkit.ToolkitFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The toolkit's {@code config.toml}: a file it cannot parse is an error (every GPU container
 * fails to start); keys that lose GPUs in some containers (F05, F06, F08, F25) are findings of
 * their own, so each carries its own fix.
 */
public final class ToolkitConfigCheck implements Check {

    static final Set<String> MODES = Set.of("auto", "legacy", "cdi", "csv", "jit-cdi");

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        Optional<ToolkitFacts> found = facts.find(ToolkitFacts.class);
        if (found.isEmpty()) {
            return List.of();
        }
        ToolkitFacts toolkit = found.get();
        List<Finding> findings = new ArrayList<>();
        if (!toolkit.configProblems().isEmpty()) {
            findings.add(RuntimeFindings.invalidConfig(FindingCode.TOOLKIT_CONFIG_INVALID, "The NVIDIA Container Toolkit",
                    toolkit.configProblems(), "Correct " + toolkit.configPath() + "; `nvidia-ctk config default` prints"
                            + " a valid file to compare with."));
        }
        driverRoot(toolkit).ifPresent(findings::add);
        toolkit.config().ifPresent(config -> {
            ldconfig(toolkit, config).ifPresent(findings::add);
            noCgroups(toolkit, config).ifPresent(findings::add);
            deviceList(toolkit, config).ifPresent(findings::add);
            mode(toolkit, config, facts).ifPresent(findings::add);
        });
        return findings;
    }

    /** The driver root the toolkit mounts driver files from must exist, or every GPU container fails. */
    private static Optional<Finding> driverRoot(ToolkitFacts toolkit) {
        return toolkit.missingDriverRoot().map(root -> base(Severity.ERROR,
                        "The toolkit's driver root " + root + " does not exist")
                .detail("nvidia-container-cli looks for the driver's libraries and binaries under " + root
                        + " (nvidia-container-cli.root), which this host does not have, so starting a GPU container"
                        + " fails. /run/nvidia/driver is where the GPU Operator's driver container puts the driver;"
                        + " it is there only while that container runs.")
                .evidence(toolkit.configPath(), "nvidia-container-cli.root = \"" + root + "\"")
                .evidence(root, "missing")
                .fix("With the GPU Operator's driver: see why its driver pod on this node is not running"
                        + " (`kubectl -n gpu-operator get pods -o wide`). With a driver installed on the host: remove"
                        + " `root` (or set it to \"/\") under [nvidia-container-cli] in " + toolkit.configPath() + ".")
                .build());
    }

    /** F08: only a value starting with {@code @} is a host path; anything else names the container's ldconfig. */
    private static Optional<Finding> ldconfig(ToolkitFacts toolkit, ToolkitConfig config) {
        Optional<String> ldconfig = config.cli().ldconfig().filter(value -> !value.startsWith("@"));
        if (ldconfig.isEmpty()) {
            return Optional.empty();
        }
        boolean allowed = config.feature("allow-ldconfig-from-container");
        return Optional.of(base(allowed ? Severity.WARN : Severity.ERROR,
                "The toolkit's ldconfig is not a host path")
                .detail(allowed
                        ? "ldconfig runs from the container image (allow-ldconfig-from-container is on), which an"
                                + " image can replace."
                        : "The toolkit rejects an ldconfig path without the @ prefix, so the container's loader cache"
                                + " is not updated and libcuda.so.1 cannot be found.")
                .evidence(toolkit.configPath(), "nvidia-container-cli.ldconfig = \"" + ldconfig.get() + "\"")
                .fix("Set `ldconfig = \"@/sbin/ldconfig\"` under [nvidia-container-cli] in " + toolkit.configPath()
                        + " (the toolkit uses /sbin/ldconfig.real on Ubuntu by itself).")
                .build());
    }

    /** F25: without cgroups the runtime grants no device access; only rootless setups need it. */
    private static Optional<Finding> noCgroups(ToolkitFacts toolkit, ToolkitConfig config) {
        if (!config.cli().noCgroups().orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(base(Severity.WARN, "The toolkit does not set up device cgroups (no-cgroups = true)")
                .detail("Containers get the NVIDIA device nodes mounted but no cgroup permission to open them, unless"
                        + " they are passed with --device: NVML then fails with \"Unknown Error\". This setting is"
                        + " meant for rootless engines only.")
                .evidence(toolkit.configPath(), "nvidia-container-cli.no-cgroups = true")
                .fix("Set `no-cgroups = false` unless the engine runs rootless; rootless, pass the nodes with"
                        + " `--device /dev/nvidia0 --device /dev/nvidiactl --device /dev/nvidia-uvm` or use CDI"
                        + " (`--device nvidia.com/gpu=all`).")
                .build());
    }

    /** F05: unprivileged containers then get GPUs only through volume mounts, which must be accepted too. */
    private static Optional<Finding> deviceList(ToolkitFacts toolkit, ToolkitConfig config) {
        if (config.acceptEnvvarWhenUnprivileged().orElse(true) || config.acceptVolumeMounts().orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(base(Severity.WARN, "Unprivileged containers cannot be given GPUs")
                .detail("NVIDIA_VISIBLE_DEVICES is ignored in unprivileged containers, and the volume-mounts device"
                        + " list is not accepted either, so only privileged containers get GPUs.")
                .evidence(toolkit.configPath(), "accept-nvidia-visible-devices-envvar-when-unprivileged = false")
                .evidence(toolkit.configPath(), "accept-nvidia-visible-devices-as-volume-mounts = "
                        + config.acceptVolumeMounts().map(String::valueOf).orElse("false (default)"))
                .fix("Set `accept-nvidia-visible-devices-as-volume-mounts = true` and run the device plugin with"
                        + " deviceListStrategy=volume-mounts, or use deviceListStrategy=cdi-cri; keep the plugin's"
                        + " strategy and these keys consistent.")
                .build());
    }

    /** F06: in cdi or csv mode the hook refuses Docker's {@code --gpus}, which Docker without CDI relies on. */
    private static Optional<Finding> mode(ToolkitFacts toolkit, ToolkitConfig config, HostFacts facts) {
        String mode = config.effectiveMode();
        if (!MODES.contains(mode)) {
            return Optional.of(base(Severity.WARN, "The toolkit's mode is not one it knows")
                    .detail("nvidia-container-runtime fails to create containers with an unknown mode.")
                    .evidence(toolkit.configPath(), "nvidia-container-runtime.mode = \"" + mode + "\"")
                    .fix("Set `mode` under [nvidia-container-runtime] to \"auto\", \"legacy\", \"cdi\" or \"csv\".")
                    .build());
        }
        boolean dockerWithoutCdi = ContainerEngines.docker(facts)
                && facts.find(DockerFacts.class).map(d -> d.cdiEnabledBy().isEmpty()).orElse(true);
        if (!(mode.equals("cdi") || mode.equals("csv")) || !dockerWithoutCdi) {
            return Optional.empty();
        }
        return Optional.of(base(Severity.WARN, "The toolkit's " + mode + " mode refuses Docker's --gpus flag")
                .detail("`docker run --gpus` calls the NVIDIA hook directly, which fails in " + mode + " mode with"
                        + " \"invoking the NVIDIA Container Runtime Hook directly (e.g. specifying the docker --gpus"
                        + " flag) is not supported\"; Docker does not have CDI enabled to use instead.")
                .evidence(toolkit.configPath(), "nvidia-container-runtime.mode = \"" + mode + "\"")
                .evidence("/etc/docker/daemon.json", "features.cdi not true")
                .fix("Run GPU containers with `--runtime=nvidia`, or enable Docker's CDI (`sudo nvidia-ctk runtime"
                        + " configure --runtime=docker --cdi.enabled`) and use `--device nvidia.com/gpu=all`, or set"
                        + " `mode = \"legacy\"` under [nvidia-container-runtime].")
                .build());
    }

    private static Finding.Builder base(Severity severity, String title) {
        return Finding.of(FindingCode.TOOLKIT_CONFIG_INVALID, severity).title(title);
    }
}
