package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.host.kmsg.ApiMismatch;
import io.gpudoctor.locate.LibraryCandidate;
import java.util.List;

/**
 * The kernel module and the userspace libraries are of different driver versions (an upgrade
 * without a reboot), or two driver versions are installed side by side. The first breaks every
 * NVIDIA call; the second breaks whichever program finds the wrong copy first.
 */
public final class DriverMismatchCheck implements Check {

    static final String RM_MISMATCH = "NVML_ERROR_LIB_RM_VERSION_MISMATCH";

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        DriverState s = DriverState.of(facts);
        List<String> versions = s.versionedLibraries().stream().flatMap(c -> c.version().stream()).distinct().toList();
        boolean nvmlSaysSo = s.nvmlStatus().equals(RM_MISMATCH);
        if (s.versionsDiffer() || nvmlSaysSo) {
            return List.of(moduleMismatch(s));
        }
        if (versions.size() > 1) {
            return List.of(sideBySide(s, versions));
        }
        return List.of();
    }

    private static Finding moduleMismatch(DriverState s) {
        String kernel = s.module.version().orElse("?");
        String user = s.userspaceVersion().orElse("?");
        Finding.Builder f = Finding.of(FindingCode.DRIVER_LIBRARY_MISMATCH, Severity.ERROR)
                .title("Driver/library version mismatch: kernel module " + kernel + ", userspace libraries " + user)
                .detail("The loaded nvidia kernel module and the NVIDIA userspace libraries are different versions,"
                        + " so NVML fails with \"Driver/library version mismatch\" and CUDA cannot start. This"
                        + " happens when the driver packages are upgraded (often by unattended-upgrades) and the"
                        + " old module stays loaded until the next reboot.");
        s.module.version().ifPresent(v -> f.evidence(s.module.versionSource(), v));
        s.chosenLibrary().ifPresent(c -> f.evidence(c.path().toString(), c.realPath() + " (driver "
                + c.version().orElse("?") + ")"));
        if (!s.nvmlWorks()) {
            f.evidence("nvmlInit_v2", s.nvmlStatus());
        }
        for (ApiMismatch m : s.kernelLog.events().apiMismatches()) {
            f.evidence(s.kernelLog.source(), m.message());
        }
        return f.fix("Reboot the node (or, with no GPU process running, `sudo rmmod nvidia_uvm nvidia_drm"
                        + " nvidia_modeset nvidia && sudo modprobe nvidia`), then recreate the GPU containers; pin"
                        + " the driver packages (`sudo apt-mark hold 'nvidia-*'`) so it does not recur.")
                .build();
    }

    private static Finding sideBySide(DriverState s, List<String> versions) {
        Finding.Builder f = Finding.of(FindingCode.DRIVER_LIBRARY_MISMATCH, Severity.WARN)
                .title("Two NVIDIA driver versions are installed side by side: " + String.join(", ", versions))
                .detail("Programs load whichever libnvidia-ml or libcuda the loader finds first; any copy whose"
                        + " version differs from the kernel module's "
                        + s.module.version().map(v -> "(" + v + ") ").orElse("")
                        + "fails with a version mismatch. Leftovers of an older driver usually cause this.");
        for (LibraryCandidate c : s.versionedLibraries()) {
            f.evidence(c.path().toString(), c.realPath() + " (driver " + c.version().orElse("?") + ")");
        }
        return f.fix("Remove the stale copies: find their packages with `dpkg -S <file>` (or `rpm -qf <file>`) and"
                        + " purge them, or delete a manual install's files, then run `sudo ldconfig`.")
                .build();
    }
}
