package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.driver.LibraryReport;
import java.util.List;

/**
 * NVML could not start for a reason no more specific finding explains. A missing module, a
 * version mismatch, missing nodes and a lost GPU each have their own finding with a better fix,
 * so those are left to them rather than reported twice.
 */
public final class NvmlInitCheck implements Check {

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        DriverState s = DriverState.of(facts);
        String status = s.nvmlStatus();
        LibraryReport library = s.inventory.libraries().nvml();
        if (status.equals(DriverState.LIBRARY_NOT_LOADED)) {
            if (library.loadError().isPresent() && library.chosen().isPresent()) {
                return List.of(loadFailed(library));
            }
            // Without the module, DriverPresenceCheck says what is missing; with it, only the library is.
            return s.module.nvidiaLoaded() && s.librariesSearched() ? List.of(notFound(library)) : List.of();
        }
        if (status.equals(DriverState.NVML_SUCCESS) || explained(s, status)) {
            return List.of();
        }
        return List.of(Finding.of(FindingCode.NVML_INIT_FAILED, Severity.ERROR)
                .title("NVML cannot start: " + status)
                .detail(s.inventory.nvml().meaning() + " Nothing that asks the driver (nvidia-smi, the device"
                        + " plugin, DCGM, the container toolkit) works until it does.")
                .evidence("nvmlInit_v2", status)
                .evidence("libnvidia-ml.so.1", library.chosen().map(c -> c.realPath().toString()).orElse(library.requested()))
                .fix(fix(status))
                .build());
    }

    private static boolean explained(DriverState s, String status) {
        return switch (status) {
            case "NVML_ERROR_DRIVER_NOT_LOADED" -> !s.module.nvidiaLoaded() || !DeviceNodesCheck.problems(s).isEmpty();
            case DriverMismatchCheck.RM_MISMATCH, GpuLostCheck.GPU_IS_LOST -> true;
            case "NVML_ERROR_NO_PERMISSION" -> !DeviceNodesCheck.problems(s).isEmpty();
            default -> false;
        };
    }

    private static String fix(String status) {
        return switch (status) {
            case "NVML_ERROR_NO_PERMISSION" -> "Run gpu-doctor as root, or give its user access to the nodes:"
                    + " `ls -l /dev/nvidia*` should show mode 0666 (see NVreg_DeviceFileMode in"
                    + " /etc/modprobe.d/).";
            case "HUNG", "NVML_ERROR_TIMEOUT" -> "The driver is wedged: look for Xid errors with `sudo dmesg | grep"
                    + " -i xid`, drain the node and reboot it.";
            default -> "Run `nvidia-smi` for the same error in NVIDIA's words and `sudo dmesg | grep -i nvrm` for the"
                    + " kernel module's side; reinstall the driver if the libraries are damaged.";
        };
    }

    private static Finding notFound(LibraryReport library) {
        return Finding.of(FindingCode.NVML_INIT_FAILED, Severity.ERROR)
                .title("The nvidia kernel module is loaded, but libnvidia-ml.so.1 was not found")
                .detail("Without NVML nothing can ask the driver: nvidia-smi, the device plugin and gpu-doctor's"
                        + " GPU readings all need it. A driver installed without its userspace libraries, or"
                        + " gpu-doctor running in a container that does not see the host's libraries, causes this.")
                .evidence("libnvidia-ml.so.1", library.loadError().orElse("not found (" + library.requested() + ")"))
                .fix("Install the driver's userspace libraries of the module's version (e.g. `sudo apt-get install"
                        + " libnvidia-compute-<version>`) and run `sudo ldconfig`; in a container, mount the host's"
                        + " root and pass --path.rootfs, or name the library with --nvml.library.")
                .build();
    }

    private static Finding loadFailed(LibraryReport library) {
        return Finding.of(FindingCode.NVML_INIT_FAILED, Severity.ERROR)
                .title("libnvidia-ml.so.1 was found but cannot be loaded")
                .detail("The dynamic loader refused the NVML library, so nothing can ask the driver. A library"
                        + " of the wrong architecture, a truncated file or a missing dependency causes this.")
                .evidence(library.chosen().map(c -> c.path().toString()).orElse("libnvidia-ml.so.1"),
                        library.loadError().orElse("?"))
                .fix("Check the file with `file -L` and `ldd` on it, and reinstall the driver's libnvidia-ml package"
                        + " (e.g. `sudo apt-get install --reinstall libnvidia-compute-<version>`).")
                .build();
    }
}
