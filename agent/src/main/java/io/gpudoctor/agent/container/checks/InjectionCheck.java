package io.gpudoctor.agent.container.checks;

import io.gpudoctor.agent.container.facts.ContainerFacts;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;

import java.util.List;
import java.util.Optional;

/**
 * Whether the NVIDIA runtime injected the GPU: a container that asked for one but ran under plain
 * runc (F02), or got some device nodes but not {@code nvidiactl} or {@code nvidia-uvm}.
 */
public final class InjectionCheck implements ContainerCheck {

    private static final List<String> REQUIRED_NODES = List.of("/dev/nvidiactl", "/dev/nvidia-uvm");

    @Override
    public List<Finding> evaluate(ContainerFacts container, HostFacts host) {
        return notInjected(container).or(() -> nodesMissing(container)).stream().toList();
    }

    /** Asked through the environment, yet no node and no sign in the bundle that any NVIDIA runtime ran. */
    private static Optional<Finding> notInjected(ContainerFacts container) {
        boolean noNodes = container.deviceNodes().value().filter(List::isEmpty).isPresent();
        if (!GpuRequest.requestedByEnvironment(container) || !noNodes || GpuRequest.injectedByBundle(container)) {
            return Optional.empty();
        }
        String visible = GpuRequest.variable(container, GpuRequest.VISIBLE_DEVICES).orElse("");
        Finding.Builder finding = Finding.of(FindingCode.CONTAINER_NO_GPU_INJECTED, Severity.ERROR)
                .title("The container asked for GPUs but none was injected: it ran under plain runc")
                .detail("NVIDIA_VISIBLE_DEVICES=" + visible + " is only read by the NVIDIA runtime; the container "
                        + "has no /dev/nvidia* device"
                        + (container.bundle().isKnown() ? " and its OCI bundle has no NVIDIA device, hook or CDI "
                        + "annotation" : "") + ", so nvidia-smi and CUDA find no GPU.")
                .evidence(GpuRequest.environSource(container), GpuRequest.VISIBLE_DEVICES + "=" + visible)
                .evidence("/dev (container)", "no nvidia* device nodes");
        container.identity().bundle().filter(b -> container.bundle().isKnown())
                .ifPresent(b -> finding.evidence(b, "no NVIDIA devices, hooks or CDI annotations"));
        return Optional.of(finding
                .fix(injectionFix(Engine.of(container.identity())))
                .build());
    }

    private static String injectionFix(Engine engine) {
        return switch (engine) {
            case KUBERNETES -> "Request the GPU in the pod spec, `resources: {limits: {nvidia.com/gpu: 1}}`, and run it"
                    + " with the NVIDIA runtime: `runtimeClassName: nvidia`, or nvidia as the node's default runtime"
                    + " (`default_runtime_name = \"nvidia\"` in containerd's config); then recreate the pod.";
            case DOCKER -> "Recreate it with the NVIDIA runtime: " + engine.withGpus() + ", or `--runtime=nvidia`.";
            default -> "Recreate it with the GPU injected: " + engine.withGpus() + ".";
        };
    }

    private static Optional<Finding> nodesMissing(ContainerFacts container) {
        List<String> nodes = GpuRequest.deviceNodes(container);
        List<String> missing = REQUIRED_NODES.stream().filter(n -> !nodes.contains(n)).toList();
        if (nodes.isEmpty() || missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(FindingCode.CONTAINER_DEVICE_NODES_MISSING, Severity.ERROR)
                .title("The container lacks " + String.join(" and ", missing))
                .detail("CUDA needs /dev/nvidiactl and /dev/nvidia-uvm besides /dev/nvidiaN; the runtime only "
                        + "injects nodes that existed on the host when the container was created.")
                .evidence("/dev (container)", String.join(", ", nodes))
                .fix("On the host create the nodes with `sudo nvidia-modprobe -u -c=0` (or `sudo nvidia-ctk system "
                        + "create-dev-char-symlinks --create-all`), then recreate the container.")
                .build());
    }
}
