package io.gpudoctor.agent.container.facts;

import java.util.List;

/** Finds the NVIDIA device nodes in a container's {@code /dev}: {@code nvidia*} (which covers {@code nvidiactl} and {@code nvidia-uvm*}). */
final class DeviceNodes {

    private DeviceNodes() {
    }

    static Fact<List<String>> read(ContainerFiles files) {
        Fact<List<String>> names = files.names("/dev");
        return names.value()
                .<Fact<List<String>>>map(list -> Fact.known(list.stream()
                        .filter(n -> n.startsWith("nvidia")).map(n -> "/dev/" + n).toList()))
                .orElse(names);
    }
}
