package io.gpudoctor.agent.host.driver;

import java.util.Map;
import java.util.Optional;

/**
 * The NVIDIA device nodes present under {@code /dev} ({@code nvidia*}, {@code nvidia-caps/*},
 * {@code nvidia-nvswitch*}), by host path.
 */
public record DeviceNodes(Map<String, DeviceNode> nodes) {

    public DeviceNodes {
        nodes = Map.copyOf(nodes);
    }

    public Optional<DeviceNode> node(String path) {
        return Optional.ofNullable(nodes.get(path));
    }

    public boolean anyStartingWith(String prefix) {
        return nodes.keySet().stream().anyMatch(p -> p.startsWith(prefix));
    }
}
