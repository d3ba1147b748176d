package io.gpudoctor.agent.host.containerd;

import java.util.Optional;

/**
 * One {@code [plugins.<cri>.containerd.runtimes.<name>]} entry.
 *
 * @param pluginId      the CRI plugin id it was found under ({@code io.containerd.grpc.v1.cri})
 * @param binaryName    {@code options.BinaryName}: the OCI runtime executable the runc shim calls
 * @param systemdCgroup {@code options.SystemdCgroup}
 */
public record ContainerdRuntime(String name, String pluginId, Optional<String> runtimeType,
                                Optional<String> binaryName, Optional<Boolean> systemdCgroup) {

    /** Whether this runtime injects GPUs: named nvidia, or calling an nvidia-container-runtime. */
    public boolean isNvidia() {
        return name.equals("nvidia") || binaryName.map(b -> b.contains("nvidia-container-runtime")).orElse(false);
    }

    /** The NVIDIA runtime in CDI mode ({@code nvidia-cdi}, calling {@code nvidia-container-runtime.cdi}). */
    public boolean isNvidiaCdi() {
        return binaryName.map(b -> b.endsWith("nvidia-container-runtime.cdi")).orElse(false);
    }
}
