package io.gpudoctor.agent.container.checks;

import io.gpudoctor.agent.container.facts.BundleFacts;
import io.gpudoctor.agent.container.facts.ContainerEnvironment;
import io.gpudoctor.agent.container.facts.ContainerFacts;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a container asked for a GPU and whether the runtime gave it one. Shared by the checks and
 * the daemon's container watch so they agree on what "asked for a GPU" means.
 */
public final class GpuRequest {

    static final String VISIBLE_DEVICES = "NVIDIA_VISIBLE_DEVICES";

    private GpuRequest() {
    }

    /** Where a container's environment evidence comes from, for findings. */
    static String environSource(ContainerFacts container) {
        return "/proc/" + container.identity().pid() + "/environ";
    }

    /** The value of a kept variable, when the environment was read and has it. */
    static Optional<String> variable(ContainerFacts container, String name) {
        return container.environment().value().flatMap(env -> env.get(name));
    }

    /** {@code void}, {@code none} and empty all leave the container without GPU devices. */
    static boolean disables(String visibleDevices) {
        String value = visibleDevices.trim().toLowerCase(Locale.ROOT);
        return value.isEmpty() || value.equals("void") || value.equals("none");
    }

    /** NVIDIA_VISIBLE_DEVICES names devices: the image or the user asked the NVIDIA runtime for GPUs. */
    static boolean requestedByEnvironment(ContainerFacts container) {
        return container.environment().value().filter(GpuRequest::requestedBy).isPresent();
    }

    /** NVIDIA_VISIBLE_DEVICES is set in {@code environment} to something other than void, none or empty. */
    public static boolean requestedBy(ContainerEnvironment environment) {
        return environment.get(VISIBLE_DEVICES).filter(v -> !disables(v)).isPresent();
    }

    /** The bundle shows an NVIDIA runtime at work: device entries, its hook, or a CDI request. */
    static boolean injectedByBundle(ContainerFacts container) {
        return container.bundle().value().filter(GpuRequest::injects).isPresent();
    }

    /** Any {@code /dev/nvidia*} inside the container. */
    static boolean hasDeviceNodes(ContainerFacts container) {
        return container.deviceNodes().value().filter(nodes -> !nodes.isEmpty()).isPresent();
    }

    /** The container got, or asked for, a GPU by any means. */
    static boolean wantsGpu(ContainerFacts container) {
        return requestedByEnvironment(container) || injectedByBundle(container) || hasDeviceNodes(container);
    }

    /** The known device nodes, or none. */
    static List<String> deviceNodes(ContainerFacts container) {
        return container.deviceNodes().value().orElse(List.of());
    }

    /** The bundle shows an NVIDIA runtime at work: {@code /dev/nvidia*} devices, its hook, or a CDI request. */
    public static boolean injects(BundleFacts bundle) {
        return bundle.devicePaths().stream().anyMatch(p -> p.startsWith("/dev/nvidia"))
                || bundle.hooks().stream().anyMatch(h -> h.path().contains("nvidia")
                        || h.args().stream().anyMatch(a -> a.contains("nvidia")))
                || bundle.cdiAnnotations().values().stream().anyMatch(v -> v.contains("nvidia.com/"));
    }
}
