package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.driver.LibraryReport;
import java.util.List;

/**
 * cuInit fails although NVML works: the driver is up, but CUDA programs cannot use it. Results
 * that a more specific finding explains (999 with UVM missing, 802 with fabric manager down, 803
 * with a version mismatch) are left to that finding.
 */
public final class CudaInitCheck implements Check {

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        DriverState s = DriverState.of(facts);
        String result = s.inventory.cuda().initResult();
        LibraryReport library = s.inventory.libraries().cuda();
        if (!s.nvmlWorks() || result.equals("CUDA_SUCCESS") || library.requested().equals("none")
                || explained(s, facts, result)) {
            return List.of();
        }
        boolean noLibrary = result.equals(DriverState.LIBRARY_NOT_LOADED);
        return List.of(Finding.of(FindingCode.CUDA_INIT_FAILED, Severity.ERROR)
                .title(noLibrary ? "NVML works but libcuda.so.1 " + (library.chosen().isPresent() ? "does not load"
                        : "is missing") : "cuInit fails with " + result + " although NVML works")
                .detail(s.inventory.cuda().meaning() + " nvidia-smi looks healthy, but no CUDA program can run.")
                .evidence("cuInit", result)
                .evidence("nvmlInit_v2", s.nvmlStatus())
                .evidence("libcuda.so.1", library.chosen().map(c -> c.realPath().toString())
                        .orElse(library.loadError().orElse("not found")))
                .fix(fix(result))
                .build());
    }

    private static boolean explained(DriverState s, HostFacts facts, String result) {
        return switch (result) {
            case "CUDA_ERROR_UNKNOWN" -> UvmCheck.missing(s);
            case "CUDA_ERROR_SYSTEM_NOT_READY" -> FabricManagerCheck.notRunning(s, facts);
            case "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH" -> s.versionsDiffer();
            default -> false;
        };
    }

    private static String fix(String result) {
        return switch (result) {
            case DriverState.LIBRARY_NOT_LOADED -> "Install the driver's CUDA library (e.g. `sudo apt-get install"
                    + " libnvidia-compute-<driver major>`) and run `sudo ldconfig`.";
            case "CUDA_ERROR_NO_DEVICE" -> "Check `echo $CUDA_VISIBLE_DEVICES` (empty or -1 hides every GPU) and MIG"
                    + " (`nvidia-smi -L`): a MIG-enabled GPU needs instances before CUDA sees it.";
            case "CUDA_ERROR_STUB_LIBRARY" -> "Remove the CUDA toolkit's stubs folder from LD_LIBRARY_PATH and"
                    + " /etc/ld.so.conf.d, then `sudo ldconfig`.";
            case "CUDA_ERROR_UNKNOWN" -> "Load nvidia-uvm: `sudo nvidia-modprobe -u -c=0`, and check `sudo dmesg |"
                    + " grep -i nvrm`.";
            case "CUDA_ERROR_SYSTEM_NOT_READY" -> "Start the fabric manager: `sudo systemctl enable --now"
                    + " nvidia-fabricmanager`.";
            default -> "Run `sudo dmesg | grep -i nvrm` for the driver's side and reboot if the driver was just"
                    + " upgraded; `nvidia-smi -q` shows the GPUs' state.";
        };
    }
}
