package io.gpudoctor.agent.host.node;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.HostProbe;
import java.util.List;

/**
 * The node-level probes and checks (Kubernetes device plugin, cgroup version, SELinux), for the
 * host diagnosis to wire in. The checks also read {@code ProcessTable}, {@code InstalledPackages}
 * and the GPU inventory when present, and stay silent on what those do not say.
 */
public final class NodeDiagnostics {

    private NodeDiagnostics() {
    }

    public static List<HostProbe<?>> probes() {
        return List.of(new KubeletProbe(), new CgroupProbe(), new SelinuxProbe());
    }

    public static List<Check> checks() {
        return List.of(new DevicePluginCheck(), new CgroupToolkitCheck(), new SelinuxCheck());
    }
}
