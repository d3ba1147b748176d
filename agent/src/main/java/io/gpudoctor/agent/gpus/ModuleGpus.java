package io.gpudoctor.agent.gpus;

import io.gpudoctor.agent.hostfs.HostFileReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The GPUs the nvidia kernel module registered, from {@code /proc/driver/nvidia/gpus/<bus>/information}:
 * known even when NVML cannot read a GPU (a lost one keeps its model, UUID and PCI address here).
 */
public final class ModuleGpus {

    /** The folder the module lists its GPUs in. */
    public static final String FOLDER = "/proc/driver/nvidia/gpus";

    private ModuleGpus() {
    }

    /** The GPUs the module registered; none when the folder is missing or unreadable. */
    public static List<ModuleGpu> read(HostFileReader files) {
        List<ModuleGpu> gpus = new ArrayList<>();
        for (String bus : files.list(FOLDER)) {
            files.read(FOLDER + "/" + bus + "/information").content().map(ModuleGpu::parse).ifPresent(gpus::add);
        }
        return gpus;
    }
}
