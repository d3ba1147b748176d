package io.gpudoctor.agent.host.node;

import java.util.List;
import java.util.Optional;

/**
 * What the kubelet left on the host: its configuration and the device plugins' sockets.
 *
 * @param config        the kubelet configuration found ({@code /var/lib/kubelet/config.yaml}, ...), if any
 * @param pluginSockets the NVIDIA device plugin sockets in {@link KubeletProbe#PLUGIN_FOLDER}
 *                      ({@code nvidia-gpu.sock}, {@code nvidia-mig-1g.10gb.sock}, ...)
 */
public record KubeletFacts(Optional<String> config, List<String> pluginSockets) {

    public KubeletFacts {
        pluginSockets = List.copyOf(pluginSockets);
    }
}
