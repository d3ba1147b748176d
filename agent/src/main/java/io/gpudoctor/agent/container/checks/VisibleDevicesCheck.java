package io.gpudoctor.agent.container.checks;

import io.gpudoctor.agent.container.facts.ContainerFacts;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.nvml.MigMode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which GPUs the container's variables select: {@code NVIDIA_VISIBLE_DEVICES} turned off or naming
 * GPUs the host lacks (F10), and {@code CUDA_VISIBLE_DEVICES} hiding every GPU from CUDA (F11).
 */
public final class VisibleDevicesCheck implements ContainerCheck {

    private static final String CUDA_VISIBLE_DEVICES = "CUDA_VISIBLE_DEVICES";
    private static final Pattern INDEX = Pattern.compile("\\d+");
    private static final Pattern GPU_NODE = Pattern.compile("/dev/nvidia\\d+");
    /** A MIG device's own UUID, as NVML and the device plugin give it (R470 and later). */
    private static final Pattern MIG_UUID = Pattern.compile("MIG-[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    /** The calls whose failure leaves a GPU's MIG devices unknown. */
    private static final Set<String> MIG_CALLS = Set.of("migMode", "maxMigDeviceCount", "migDevice");

    @Override
    public List<Finding> evaluate(ContainerFacts container, HostFacts host) {
        List<Finding> findings = new ArrayList<>();
        Optional<String> visible = GpuRequest.variable(container, GpuRequest.VISIBLE_DEVICES);
        visible.ifPresent(value -> {
            if (GpuRequest.disables(value)) {
                disabled(container, value).ifPresent(findings::add);
            } else {
                unknownDevices(container, value, HostDriver.gpus(host)).ifPresent(findings::add);
            }
        });
        if (visible.isEmpty() && container.environment().isKnown()) {
            unset(container).ifPresent(findings::add);
        }
        GpuRequest.variable(container, CUDA_VISIBLE_DEVICES)
                .flatMap(value -> hidesAll(container, value))
                .ifPresent(findings::add);
        return findings;
    }

    /** Only a finding when something else shows the container meant to use a GPU: a CPU job may say void on purpose. */
    private static Optional<Finding> disabled(ContainerFacts container, String value) {
        boolean wantsGpu = GpuRequest.injectedByBundle(container) || !container.cudaRequirements().isEmpty()
                || container.torchInstalls().value().filter(t -> t.stream().anyMatch(i -> !i.cpuOnly())).isPresent();
        if (!wantsGpu) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(FindingCode.CONTAINER_VISIBLE_DEVICES_DISABLED, Severity.ERROR)
                .title("NVIDIA_VISIBLE_DEVICES=" + quoted(value) + " gives the container no GPU")
                .detail("The container carries a CUDA workload or an NVIDIA runtime request, but "
                        + "NVIDIA_VISIBLE_DEVICES=" + quoted(value) + " tells the runtime to inject no GPU device "
                        + "('none' keeps the driver libraries, 'void' and empty behave like plain runc).")
                .evidence(GpuRequest.environSource(container), "NVIDIA_VISIBLE_DEVICES=" + value)
                .fix("Set NVIDIA_VISIBLE_DEVICES=all (or a GPU index or UUID from `nvidia-smi -L`), or ask with "
                        + Engine.of(container.identity()).withGpus() + ", and "
                        + Engine.of(container.identity()).recreate() + ".")
                .build());
    }

    /**
     * Unset under the NVIDIA runtime: the runtime injects no GPU, unless the image is a legacy CUDA
     * image ({@code CUDA_VERSION} set, no {@code NVIDIA_REQUIRE_CUDA}), for which it defaults to all
     * GPUs. Reported only when the runtime's hook ran, no GPU node arrived and the workload needs CUDA:
     * {@code --runtime=nvidia} without {@code --gpus}, on an image built after the legacy default went.
     */
    private static Optional<Finding> unset(ContainerFacts container) {
        boolean legacyImage = GpuRequest.variable(container, "CUDA_VERSION").isPresent()
                && GpuRequest.variable(container, "NVIDIA_REQUIRE_CUDA").isEmpty();
        boolean gpuNodes = GpuRequest.deviceNodes(container).stream().anyMatch(n -> GPU_NODE.matcher(n).matches());
        boolean needsCuda = !container.cudaRequirements().isEmpty();
        if (legacyImage || gpuNodes || !needsCuda || !GpuRequest.injectedByBundle(container)
                || !container.deviceNodes().isKnown()) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(FindingCode.CONTAINER_VISIBLE_DEVICES_DISABLED, Severity.ERROR)
                .title("NVIDIA_VISIBLE_DEVICES is not set: the NVIDIA runtime ran but injected no GPU")
                .detail("The NVIDIA runtime only injects GPUs NVIDIA_VISIBLE_DEVICES names; unset, it behaves like "
                        + "plain runc. Only legacy CUDA images (CUDA_VERSION set and no NVIDIA_REQUIRE_CUDA) default to "
                        + "all GPUs; this image sets NVIDIA_REQUIRE_CUDA or no CUDA_VERSION, so `--runtime=nvidia` "
                        + "without `--gpus` leaves it without a GPU.")
                .evidence(GpuRequest.environSource(container), "no NVIDIA_VISIBLE_DEVICES"
                        + GpuRequest.variable(container, "NVIDIA_REQUIRE_CUDA").map(v -> "; NVIDIA_REQUIRE_CUDA=" + v)
                                .orElse("; no CUDA_VERSION"))
                .evidence(container.identity().bundle().orElse("OCI bundle"), "NVIDIA runtime hook present")
                .evidence("/dev (container)", "no /dev/nvidiaN device nodes")
                .fix("Ask for GPUs explicitly: " + Engine.of(container.identity()).withGpus() + ", then "
                        + Engine.of(container.identity()).recreate() + ".")
                .build());
    }

    /**
     * An index, a GPU UUID or a MIG device UUID the host does not have. A MIG UUID is judged only
     * when every GPU said whether it is in MIG mode and each one in MIG mode listed its MIG devices;
     * the older MIG forms ({@code MIG-GPU-…/gi/ci}, {@code gpu:mig}) are left alone.
     */
    private static Optional<Finding> unknownDevices(ContainerFacts container, String value, List<GpuReading> gpus) {
        if (gpus.isEmpty() || value.trim().equalsIgnoreCase("all")) {
            return Optional.empty();
        }
        List<String> uuids = gpus.stream().flatMap(g -> g.uuid().stream()).toList();
        Optional<Set<String>> migUuids = migUuids(gpus);
        List<String> unknown = Arrays.stream(value.split(",")).map(String::trim)
                .filter(entry -> INDEX.matcher(entry).matches() ? index(entry) >= gpus.size()
                        : entry.startsWith("GPU-") ? !uuids.isEmpty() && !uuids.contains(entry)
                        : MIG_UUID.matcher(entry).matches()
                                && migUuids.map(known -> !known.contains(entry)).orElse(false))
                .toList();
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(FindingCode.CONTAINER_VISIBLE_DEVICES_UNKNOWN, Severity.ERROR)
                .title("NVIDIA_VISIBLE_DEVICES names GPUs this host does not have: " + String.join(", ", unknown))
                .detail("The host has " + gpus.size() + " GPU(s), indices 0 to " + (gpus.size() - 1)
                        + (uuids.isEmpty() ? "" : ", UUIDs " + String.join(", ", uuids))
                        + migUuids.filter(m -> !m.isEmpty()).map(m -> ", MIG devices " + String.join(", ",
                                m.stream().sorted().toList())).orElse("")
                        + "; the runtime fails or injects fewer GPUs than asked for.")
                .evidence(GpuRequest.environSource(container), "NVIDIA_VISIBLE_DEVICES=" + value)
                .evidence("NVML", gpus.size() + " GPU(s)")
                .fix("Set NVIDIA_VISIBLE_DEVICES=all or to indices/UUIDs (MIG- UUIDs for MIG devices) listed by"
                        + " `nvidia-smi -L` on this host, "
                        + "then recreate the container.")
                .build());
    }

    /** The UUIDs of the host's MIG devices; empty where a GPU's MIG mode or MIG devices could not be read. */
    private static Optional<Set<String>> migUuids(List<GpuReading> gpus) {
        Set<String> uuids = new HashSet<>();
        for (GpuReading gpu : gpus) {
            boolean unread = gpu.errors().stream().anyMatch(e -> MIG_CALLS.contains(e.call()));
            boolean migOn = gpu.migMode().map(MigMode::current).orElse(false);
            if (unread || (migOn && gpu.migInstances().isEmpty())) {
                return Optional.empty();
            }
            gpu.migInstances().forEach(gi -> gi.computeInstances().forEach(ci -> uuids.add(ci.uuid())));
        }
        return Optional.of(uuids);
    }

    /**
     * CUDA stops at the first invalid entry, so only the first one decides whether any GPU is left.
     * Indices are renumbered from 0 inside the container, so they are compared with its own nodes.
     */
    private static Optional<Finding> hidesAll(ContainerFacts container, String value) {
        String first = value.split(",", -1)[0].trim();
        long gpuNodes = GpuRequest.deviceNodes(container).stream().filter(n -> GPU_NODE.matcher(n).matches()).count();
        boolean invalid = first.isEmpty()
                || (INDEX.matcher(first).matches() ? gpuNodes > 0 && index(first) >= gpuNodes
                        : !first.startsWith("GPU-") && !first.startsWith("MIG-"));
        if (!invalid) {
            return Optional.empty();
        }
        String why = first.isEmpty() ? "an empty CUDA_VISIBLE_DEVICES hides every GPU"
                : "its first entry '" + first + "' is not a valid device"
                        + (gpuNodes > 0 ? " (the container has " + gpuNodes + " GPU(s), numbered from 0)" : "")
                        + ", and CUDA ignores everything from the first invalid entry on";
        return Optional.of(Finding.of(FindingCode.CONTAINER_CUDA_VISIBLE_DEVICES_HIDES_ALL, Severity.ERROR)
                .title("CUDA_VISIBLE_DEVICES=" + quoted(value) + " hides every GPU from CUDA")
                .detail("CUDA reports error 100 (no CUDA-capable device): " + why + ".")
                .evidence(GpuRequest.environSource(container), "CUDA_VISIBLE_DEVICES=" + value)
                .fix("Unset CUDA_VISIBLE_DEVICES or set it to indices valid inside the container, e.g. "
                        + "`CUDA_VISIBLE_DEVICES=0`.")
                .build());
    }

    /** An index too long for an int is past any GPU count. */
    private static long index(String digits) {
        return digits.length() > 9 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    private static String quoted(String value) {
        return "\"" + value + "\"";
    }
}
