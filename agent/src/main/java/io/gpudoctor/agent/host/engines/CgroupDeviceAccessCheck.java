package io.gpudoctor.agent.host.engines;

import io.gpudoctor.agent.host.packages.UpstreamVersion;
import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.host.containerd.ContainerdFacts;
import io.gpudoctor.agent.host.crio.CrioFacts;
import io.gpudoctor.agent.host.docker.DockerFacts;
import io.gpudoctor.agent.host.toolkit.ToolkitFacts;
import io.gpudoctor.agent.host.packages.UpstreamVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * F23: legacy injection (the hook adds device nodes behind the engine's back) under the systemd
 * cgroup driver. When systemd later reapplies the unit's device rules ({@code daemon-reload},
 * {@code docker update}), it knows only the devices the engine asked for and, without the
 * {@code /dev/char/195:*} links, cannot resolve NVIDIA's nodes: running containers lose their GPUs
 * with "Failed to initialize NVML: Unknown Error".
 *
 * <p>Legacy injection: toolkit mode {@code legacy}, or {@code auto} on a toolkit older than 1.18
 * (or of unknown version, the common case before JIT-CDI), while no engine is configured for CDI.
 * Systemd driver: Docker's {@code native.cgroupdriver=systemd}, or Docker with no driver set on a
 * cgroup v2 host (Docker 20.10+ picks systemd there); a containerd runtime with
 * {@code SystemdCgroup = true}; CRI-O's {@code cgroup_manager} (systemd unless set otherwise).
 */
public final class CgroupDeviceAccessCheck implements Check {

    static final UpstreamVersion JIT_CDI_DEFAULT = UpstreamVersion.of(1, 18);

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        Optional<ToolkitFacts> toolkit = facts.find(ToolkitFacts.class);
        Optional<HostDeviceFacts> devices = facts.find(HostDeviceFacts.class);
        if (toolkit.isEmpty() || devices.isEmpty() || !toolkit.get().installed()
                || GpuPresence.seen(facts).isEmpty() || !devices.get().nvidiaCharLinks().isEmpty()) {
            return List.of();
        }
        Optional<Evidence> legacy = legacyInjection(toolkit.get());
        if (legacy.isEmpty() || !cdiExpected(facts).isEmpty()) {
            return List.of();
        }
        List<Evidence> systemd = systemdDriver(facts, devices.get());
        if (systemd.isEmpty()) {
            return List.of();
        }
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(legacy.get());
        evidence.addAll(systemd);
        evidence.add(new Evidence("/dev/char", "no 195:* links"));
        return List.of(Finding.of(FindingCode.CGROUP_DEVICE_ACCESS_AT_RISK, Severity.WARN)
                .title("Containers may lose GPU access after a systemd reload")
                .detail("GPUs are injected by the legacy hook while containers' cgroups are managed by systemd, and"
                        + " /dev/char has no links for the NVIDIA devices. A `systemctl daemon-reload` or container"
                        + " update then removes the NVIDIA devices from running containers: NVML fails with"
                        + " \"Unknown Error\" until the container is recreated.")
                .evidence(evidence)
                .fix("Any one of: use CDI (`sudo nvidia-ctk cdi generate --output=/var/run/cdi/nvidia.yaml` and"
                        + " enable CDI in the engine, or `mode = \"cdi\"`); create the links with `sudo nvidia-ctk system"
                        + " create-dev-char-symlinks --create-all` (and install the udev rule 71-nvidia-dev-char.rules so"
                        + " they survive reboots); or switch Docker to cgroupfs with"
                        + " `\"exec-opts\": [\"native.cgroupdriver=cgroupfs\"]`. Recreate affected containers afterwards.")
                .build());
    }

    private static Optional<Evidence> legacyInjection(ToolkitFacts toolkit) {
        String mode = toolkit.mode();
        if (mode.equals("legacy")) {
            return Optional.of(new Evidence(toolkit.configPath(), "mode = \"legacy\""));
        }
        boolean beforeJitCdi = toolkit.upstreamVersion().map(v -> v.isBelow(JIT_CDI_DEFAULT)).orElse(true);
        if (mode.equals("auto") && beforeJitCdi) {
            return Optional.of(new Evidence(toolkit.configPath(), "mode = \"auto\" (legacy on toolkit "
                    + toolkit.version().orElse("of unknown version") + ")"));
        }
        return Optional.empty();
    }

    private static List<Evidence> cdiExpected(HostFacts facts) {
        List<Evidence> evidence = new ArrayList<>();
        facts.find(DockerFacts.class).ifPresent(d -> evidence.addAll(d.cdiEnabledBy()));
        facts.find(ContainerdFacts.class).ifPresent(c -> evidence.addAll(c.cdiEnabledBy()));
        return evidence;
    }

    private static List<Evidence> systemdDriver(HostFacts facts, HostDeviceFacts devices) {
        List<Evidence> evidence = new ArrayList<>();
        Optional<DockerFacts> docker = facts.find(DockerFacts.class);
        if (docker.isPresent() && ContainerEngines.docker(facts)) {
            Optional<String> driver = docker.get().cgroupDriver();
            if (driver.filter("systemd"::equals).isPresent()) {
                evidence.add(new Evidence(docker.get().configPath(), "exec-opts native.cgroupdriver=systemd"));
            } else if (driver.isEmpty() && devices.cgroupV2()) {
                evidence.add(new Evidence(HostDeviceProbe.CGROUP_CONTROLLERS,
                        "cgroup v2, Docker's cgroup driver unset (systemd by default)"));
            }
        }
        facts.find(ContainerdFacts.class)
                .filter(c -> ContainerEngines.containerd(facts) && !c.criDisabled())
                .ifPresent(c -> evidence.addAll(c.systemdCgroupRuntimes()));
        facts.find(CrioFacts.class)
                .filter(c -> ContainerEngines.crio(facts) && c.cgroupManager().equals("systemd"))
                .ifPresent(c -> evidence.add(new Evidence("/etc/crio", "cgroup_manager = systemd")));
        return evidence;
    }
}
