package io.gpudoctor.agent.metrics.dcgm;

import io.gpudoctor.agent.container.attribution.WorkloadContainer;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.gpus.MigGpuInstance;
import io.micrometer.core.instrument.Tags;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The labels dcgm-exporter puts on every GPU series: {@code gpu}, {@code UUID}, {@code pci_bus_id},
 * {@code device} ({@code nvidia0}), {@code modelName}, {@code Hostname}, {@code DCGM_FI_DRIVER_VERSION},
 * {@code GPU_I_ID} and {@code GPU_I_PROFILE} on a series of a MIG GPU instance, and, as its
 * Kubernetes mapping does, {@code pod}, {@code namespace} and {@code container} of the pod a GPU
 * (or GPU instance) serves. A GPU serving several pods (time-slicing) has one series per pod, as
 * there. A label that does not apply is empty text, which Prometheus stores as no label.
 */
public final class DcgmLabels {

    private DcgmLabels() {
    }

    /** One label set per pod on the GPU, or one without a pod. */
    public static List<Tags> of(GpuReading gpu, String hostname, String driverVersion) {
        return withPods(device(gpu, hostname, driverVersion).and("GPU_I_ID", "", "GPU_I_PROFILE", ""),
                gpu.processes());
    }

    /** One label set per pod in the MIG GPU instance, or one without a pod. */
    public static List<Tags> of(GpuReading gpu, MigGpuInstance instance, String hostname, String driverVersion) {
        return withPods(device(gpu, hostname, driverVersion)
                        .and("GPU_I_ID", Integer.toString(instance.id()), "GPU_I_PROFILE", instance.profile()),
                gpu.processesIn(instance.id()));
    }

    private static Tags device(GpuReading gpu, String hostname, String driverVersion) {
        return Tags.of("gpu", Integer.toString(gpu.index()),
                "UUID", gpu.uuid().orElse(""),
                "pci_bus_id", gpu.pciBusId().orElse(""),
                "device", gpu.minorNumber().map(m -> "nvidia" + m).orElse(""),
                "modelName", gpu.name().orElse(""),
                "Hostname", hostname,
                "DCGM_FI_DRIVER_VERSION", driverVersion);
    }

    private static List<Tags> withPods(Tags device, List<GpuReading.Process> processes) {
        Set<Tags> pods = new LinkedHashSet<>();
        for (GpuReading.Process p : processes) {
            p.container().filter(c -> c.pod().isPresent()).ifPresent(c -> pods.add(pod(c)));
        }
        if (pods.isEmpty()) {
            return List.of(device.and("pod", "", "namespace", "", "container", ""));
        }
        return pods.stream().map(device::and).toList();
    }

    private static Tags pod(WorkloadContainer c) {
        return Tags.of("pod", c.pod().orElse(""), "namespace", c.namespace().orElse(""),
                "container", c.name().orElse(""));
    }
}
