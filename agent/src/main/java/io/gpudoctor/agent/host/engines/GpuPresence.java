package io.gpudoctor.agent.host.engines;

import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.gpus.GpuInventory;
import java.util.Optional;

/**
 * Whether this host has NVIDIA GPUs, which decides whether a missing container runtime setup is a
 * problem at all. NVML's answer counts first; the kernel driver's list counts too, because a node
 * whose NVML is broken still needs its engines configured.
 */
final class GpuPresence {

    private GpuPresence() {
    }

    /** Evidence that GPUs are present, empty when none are seen. */
    public static Optional<Evidence> seen(HostFacts facts) {
        Optional<Evidence> fromNvml = facts.find(GpuInventory.class)
                .filter(inventory -> !inventory.gpus().isEmpty())
                .map(inventory -> new Evidence("nvmlDeviceGetCount_v2", inventory.gpus().size() + " GPU(s)"));
        if (fromNvml.isPresent()) {
            return fromNvml;
        }
        return facts.find(HostDeviceFacts.class)
                .filter(devices -> !devices.driverGpus().isEmpty())
                .map(devices -> new Evidence(HostDeviceProbe.DRIVER_GPUS, String.join(", ", devices.driverGpus())));
    }
}
