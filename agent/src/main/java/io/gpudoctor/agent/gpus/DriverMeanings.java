package io.gpudoctor.agent.gpus;

import java.util.Map;

/** What an NVML init status or a cuInit result means for someone looking at a GPU node. */
final class DriverMeanings {

    static final String LIBRARY_NOT_LOADED = "LIBRARY_NOT_LOADED";

    private static final Map<String, String> NVML = Map.ofEntries(
            Map.entry("NVML_SUCCESS", "NVML is working."),
            Map.entry("NVML_ERROR_DRIVER_NOT_LOADED",
                    "The NVIDIA kernel driver is not loaded: the user-space libraries are here, but there is no"
                            + " GPU, or the nvidia kernel module is not installed or not loaded"
                            + " (check `lsmod | grep nvidia`, `dmesg | grep -i nvidia`)."),
            Map.entry("NVML_ERROR_LIB_RM_VERSION_MISMATCH",
                    "The user-space driver libraries and the loaded kernel module are different versions,"
                            + " usually after a driver upgrade without a reboot: reboot, or reload the nvidia modules."),
            Map.entry("NVML_ERROR_NO_PERMISSION",
                    "This process may not open the NVIDIA device nodes (/dev/nvidiactl, /dev/nvidia*)."),
            Map.entry("NVML_ERROR_GPU_IS_LOST",
                    "A GPU has fallen off the bus or stopped responding: check `dmesg` for Xid 79; the node"
                            + " needs a GPU reset or a reboot."),
            Map.entry("NVML_ERROR_LIBRARY_NOT_FOUND", "NVML could not find a library it needs."),
            Map.entry("NVML_ERROR_IRQ_ISSUE", "The kernel driver has an interrupt problem with a GPU (see `dmesg`)."),
            Map.entry("NVML_ERROR_RESET_REQUIRED", "A GPU needs a reset before it can be used again."),
            Map.entry("NVML_ERROR_TIMEOUT", "The driver did not answer in time."),
            Map.entry("HUNG", "An NVML call did not return within its deadline: the driver is wedged."),
            Map.entry(LIBRARY_NOT_LOADED,
                    "No NVML library (libnvidia-ml.so.1) was loaded, so nothing could be asked of the driver."));

    private static final Map<String, String> CUDA = Map.ofEntries(
            Map.entry("CUDA_SUCCESS", "CUDA initialises: programs can use the GPUs."),
            Map.entry("CUDA_ERROR_NO_DEVICE",
                    "CUDA initialises no device: no GPU is visible to this process, or the kernel driver is"
                            + " not loaded."),
            Map.entry("CUDA_ERROR_STUB_LIBRARY",
                    "The libcuda.so.1 loaded is the CUDA toolkit's stub, not the driver's: remove the stubs"
                            + " directory from the library path."),
            Map.entry("CUDA_ERROR_INSUFFICIENT_DRIVER",
                    "The CUDA runtime is newer than this driver supports: upgrade the driver or use a CUDA"
                            + " build the driver supports."),
            Map.entry("CUDA_ERROR_SYSTEM_DRIVER_MISMATCH",
                    "The libcuda.so loaded does not match the kernel module's version (forward-compatibility"
                            + " library on the wrong driver, or an upgrade without a reboot)."),
            Map.entry("CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE",
                    "CUDA forward compatibility is not supported on this GPU (GeForce and most workstation"
                            + " cards)."),
            Map.entry("CUDA_ERROR_NOT_INITIALIZED", "cuInit has not run."),
            Map.entry("CUDA_ERROR_DEVICE_UNAVAILABLE",
                    "All GPUs are busy or unavailable (exclusive-process compute mode, or in use)."),
            Map.entry("CUDA_ERROR_OPERATING_SYSTEM", "The operating system refused a call the driver made."),
            Map.entry("HUNG", "cuInit did not return within its deadline: the driver is wedged."),
            Map.entry(LIBRARY_NOT_LOADED,
                    "No CUDA driver library (libcuda.so.1) was loaded, so CUDA cannot work here."));

    private DriverMeanings() {
    }

    static String nvml(String status) {
        return NVML.getOrDefault(status, "NVML initialisation failed with " + status + ".");
    }

    static String cuda(String result) {
        return CUDA.getOrDefault(result, "cuInit failed with " + result + ".");
    }
}
