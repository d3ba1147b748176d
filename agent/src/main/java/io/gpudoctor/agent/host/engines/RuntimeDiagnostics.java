package io.gpudoctor.agent.host.engines;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.host.containerd.ContainerdConfigCheck;
import io.gpudoctor.agent.host.containerd.ContainerdProbe;
import io.gpudoctor.agent.host.crio.CrioConfigCheck;
import io.gpudoctor.agent.host.crio.CrioProbe;
import io.gpudoctor.agent.host.docker.DockerConfigCheck;
import io.gpudoctor.agent.host.docker.DockerProbe;
import io.gpudoctor.agent.host.docker.DockerRestartCheck;
import io.gpudoctor.agent.host.toolkit.ToolkitProbe;
import io.gpudoctor.agent.host.toolkit.ToolkitVulnerabilityCheck;
import java.util.List;

/**
 * The container-runtime part of the host diagnosis: the probes and checks of the NVIDIA Container
 * Toolkit, Docker, containerd and CRI-O. The checks also read the process table, the package
 * database and the GPU inventory, which the host diagnosis probes itself.
 */
public final class RuntimeDiagnostics {

    private RuntimeDiagnostics() {
    }

    /** Probes producing {@code ToolkitFacts}, {@code DockerFacts}, {@code ContainerdFacts}, {@code CrioFacts}, {@link HostDeviceFacts}. */
    public static List<HostProbe<?>> probes() {
        return List.of(new HostDeviceProbe(), new KubernetesProbe(), new ToolkitProbe(), new DockerProbe(),
                new ContainerdProbe(), new CrioProbe());
    }

    public static List<Check> checks() {
        return List.of(
                new ToolkitInstalledCheck(), new ToolkitConfigCheck(), new ToolkitVulnerabilityCheck(),
                new DockerConfigCheck(), new DockerRuntimeCheck(), new DockerRestartCheck(),
                new ContainerdConfigCheck(), new ContainerdRuntimeCheck(),
                new CrioConfigCheck(), new CrioRuntimeCheck(),
                new DefaultRuntimeCheck(),
                new CgroupDeviceAccessCheck(),
                new CdiSpecMissingCheck());
    }
}
