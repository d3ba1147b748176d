package io.gpudoctor.agent.diagnosis;

import java.util.List;
import java.util.Optional;

/**
 * The diagnosis document of docs/design.md ({@code /diagnose}, {@code gpu-doctor diagnose --format
 * json}). Field names and shapes are API.
 *
 * @param verdict the worst severity among the findings, {@code ok} when there is none
 */
public record Diagnosis(String schema, String generatedAt, String verdict, Host host, Optional<Container> container,
                        List<Finding> findings) {

    public static final String SCHEMA = "gpu-doctor/diagnosis/v1";

    /** The host part: identity, driver, GPUs. */
    public record Host(String hostname, String kernel, Driver driver, List<Gpu> gpus) {
    }

    /** The driver as the kernel module, NVML and libcuda each report it. */
    public record Driver(Optional<String> kernelModuleVersion, Nvml nvml, Cuda cuda) {
    }

    /** @param status {@code ok} or the NVML error name (also {@code LIBRARY_NOT_LOADED}, {@code HUNG}) */
    public record Nvml(Optional<String> path, Optional<String> version, String status) {
    }

    /** @param initResult {@code CUDA_SUCCESS} or the error name */
    public record Cuda(Optional<String> path, Optional<String> driverVersion, String initResult) {
    }

    /** A GPU as NVML names it. */
    public record Gpu(int index, Optional<String> uuid, Optional<String> name, Optional<String> pciBusId,
                      Optional<String> computeCapability) {
    }

    /** The container diagnosed, when one was asked for (filled by the container diagnosis). */
    public record Container(String ref, String id, Optional<String> name, String runtime, long pid,
                            Optional<String> pod, Optional<String> namespace, Optional<CudaNeed> cuda) {
    }

    /** The CUDA version a container's workload needs, and where that was read. */
    public record CudaNeed(String required, String source) {
    }

    /** The verdict of a list of findings: the worst severity, or ok. */
    public static String verdictOf(List<Finding> findings) {
        return findings.stream().map(Finding::severity).max(Enum::compareTo).map(Severity::label).orElse("ok");
    }

    /** Whether any finding is an error: {@code diagnose} then exits 1. */
    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }
}
