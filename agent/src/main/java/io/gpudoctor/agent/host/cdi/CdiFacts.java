package io.gpudoctor.agent.host.cdi;

import java.util.List;

/**
 * The CDI spec files on the host.
 *
 * @param folders the spec folders searched, as host paths
 * @param files   every spec file found there (bounded), valid or not, in folder then name order
 */
public record CdiFacts(List<String> folders, List<CdiSpecFile> files) {

    public CdiFacts {
        folders = List.copyOf(folders);
        files = List.copyOf(files);
    }

    /** The specs a runtime would accept. */
    public List<CdiSpecFile> validFiles() {
        return files.stream().filter(CdiSpecFile::valid).toList();
    }

    /**
     * The vendors whose specs inject NVIDIA GPUs: nvidia-ctk's {@code nvidia.com}, the GPU Operator's
     * {@code management.nvidia.com}, the device plugin's {@code k8s.device-plugin.nvidia.com}.
     */
    public static final List<String> NVIDIA_VENDORS = List.of("nvidia.com", "management.nvidia.com",
            "k8s.device-plugin.nvidia.com");

    /** Valid specs of any NVIDIA vendor. */
    public List<CdiSpecFile> validNvidiaFiles() {
        return validFiles().stream().filter(f -> NVIDIA_VENDORS.contains(f.spec().orElseThrow().vendor())).toList();
    }

    /** Valid specs of the vendor ({@code nvidia.com}). */
    public List<CdiSpecFile> validFilesOf(String vendor) {
        return validFiles().stream().filter(f -> f.spec().orElseThrow().vendor().equals(vendor)).toList();
    }
}
