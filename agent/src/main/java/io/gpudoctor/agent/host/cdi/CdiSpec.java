package io.gpudoctor.agent.host.cdi;

import java.util.List;
import java.util.stream.Stream;

/**
 * A parsed Container Device Interface spec: the devices of one kind ({@code nvidia.com/gpu})
 * and the edits every one of them brings.
 *
 * @param containerEdits the spec-wide edits, applied whenever any of its devices is requested
 */
public record CdiSpec(String cdiVersion, String kind, List<Device> devices, CdiContainerEdits containerEdits) {

    public CdiSpec {
        devices = List.copyOf(devices);
    }

    /**
     * One device a container can ask for as {@code kind=name}.
     *
     * @param line the line of its name in the file, 0 when not known
     */
    public record Device(String name, int line, CdiContainerEdits containerEdits) {
    }

    /** The vendor part of the kind: {@code nvidia.com} for {@code nvidia.com/gpu}. */
    public String vendor() {
        int slash = kind.indexOf('/');
        return slash < 0 ? kind : kind.substring(0, slash);
    }

    /** The spec-wide edits and every device's, in file order. */
    public Stream<CdiContainerEdits> allEdits() {
        return Stream.concat(Stream.of(containerEdits), devices.stream().map(Device::containerEdits));
    }
}
