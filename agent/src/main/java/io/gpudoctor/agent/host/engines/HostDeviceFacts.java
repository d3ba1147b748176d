package io.gpudoctor.agent.host.engines;

import java.util.List;

/**
 * Host-side facts the runtime checks share: which GPUs the kernel driver lists, which
 * {@code /dev/char/195:*} links exist (systemd resolves device access through them), and whether
 * the host runs the unified cgroup v2 hierarchy.
 *
 * @param driverGpus     PCI addresses under {@code /proc/driver/nvidia/gpus}
 * @param nvidiaCharLinks names under {@code /dev/char} for NVIDIA's major 195 ({@code 195:0}, {@code 195:255})
 * @param cgroupV2       {@code /sys/fs/cgroup/cgroup.controllers} exists
 */
public record HostDeviceFacts(List<String> driverGpus, List<String> nvidiaCharLinks, boolean cgroupV2) {

    public HostDeviceFacts {
        driverGpus = List.copyOf(driverGpus);
        nvidiaCharLinks = List.copyOf(nvidiaCharLinks);
    }
}
