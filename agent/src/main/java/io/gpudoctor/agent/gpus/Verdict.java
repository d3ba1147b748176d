package io.gpudoctor.agent.gpus;

import io.gpudoctor.agent.driver.LibraryReport;
import java.util.List;
import java.util.stream.Collectors;

/** The one sentence at the top of a GPU inventory: what a person should take from it. */
final class Verdict {

    private Verdict() {
    }

    static String of(GpuInventory.Libraries libraries, GpuInventory.NvmlState nvml, GpuInventory.CudaState cuda,
                     List<GpuReading> gpus) {
        LibraryReport lib = libraries.nvml();
        if (lib.requested().equals("simulated")) {
            return "Simulated driver: " + gpuSummary(nvml, gpus);
        }
        if (lib.requested().equals("none")) {
            return "NVML was not loaded (--nvml.library none); CUDA driver: " + cudaSummary(cuda) + ".";
        }
        if (lib.chosen().isEmpty()) {
            return libraries.cuda().chosen().isEmpty()
                    ? "No NVIDIA driver is installed here: neither libnvidia-ml.so.1 nor libcuda.so.1 was found."
                    : "The NVIDIA driver is only partly installed: libcuda.so.1 is here but libnvidia-ml.so.1 is not.";
        }
        if (!lib.loaded()) {
            return "libnvidia-ml.so.1 was found but does not load: " + lib.loadError().orElse("unknown reason") + ".";
        }
        String versions = lib.versionsSeen().isEmpty() ? "" : " " + String.join(", ", lib.versionsSeen());
        if (!nvml.status().equals("NVML_SUCCESS")) {
            return "NVIDIA driver libraries" + versions + " are installed, but NVML cannot start ("
                    + nvml.status() + "): " + nvml.meaning();
        }
        if (gpus.isEmpty()) {
            return "The NVIDIA driver " + nvml.driverVersion().orElse("") + " is loaded but sees no GPU.";
        }
        return gpuSummary(nvml, gpus);
    }

    private static String gpuSummary(GpuInventory.NvmlState nvml, List<GpuReading> gpus) {
        if (!nvml.status().equals("NVML_SUCCESS")) {
            return "NVML cannot start (" + nvml.status() + "): " + nvml.meaning();
        }
        String failing = gpus.stream()
                .filter(g -> !g.errors().isEmpty())
                .map(g -> "GPU " + g.index() + ": " + g.errors().get(0).error())
                .collect(Collectors.joining("; "));
        return gpus.size() + (gpus.size() == 1 ? " GPU" : " GPUs") + " on NVIDIA driver "
                + nvml.driverVersion().orElse("?") + " (CUDA " + nvml.cudaDriverVersion().orElse("?") + ")"
                + (failing.isEmpty() ? "." : "; failing calls on " + failing + ".");
    }

    private static String cudaSummary(GpuInventory.CudaState cuda) {
        return cuda.driverVersion().map(v -> "CUDA " + v + ", ").orElse("") + "cuInit " + cuda.initResult();
    }
}
