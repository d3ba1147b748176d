package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.locate.LibraryCandidate;
import java.util.List;

/**
 * Is there an NVIDIA GPU, and is its driver installed and loaded? At most one of
 * {@code NO_NVIDIA_GPU}, {@code DRIVER_NOT_INSTALLED} and {@code KERNEL_MODULE_NOT_LOADED}: they
 * are successive answers to one question.
 */
public final class DriverPresenceCheck implements Check {

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        DriverState s = DriverState.of(facts);
        if (s.moduleLoaded()) {
            return List.of();
        }
        if (s.noGpu()) {
            return List.of(noGpu(s));
        }
        if (s.librariesFound()) {
            return List.of(moduleNotLoaded(s));
        }
        if (!s.librariesSearched()) {
            return List.of();
        }
        if (!s.pci.gpus().isEmpty()) {
            return List.of(notInstalled(s));
        }
        return List.of(noGpu(s));
    }

    private static Finding noGpu(DriverState s) {
        boolean driver = s.librariesFound();
        Finding.Builder f = Finding.of(FindingCode.NO_NVIDIA_GPU, driver ? Severity.WARN : Severity.INFO);
        if (driver) {
            f.title("NVIDIA driver libraries are installed, but this host has no NVIDIA GPU")
                    .detail("The PCI bus shows no NVIDIA display or 3D controller, so the kernel module has nothing"
                            + " to drive. On a VM the GPU may not be passed through; on bare metal it may be"
                            + " disabled in the firmware or unseated.")
                    .fix("Check the hardware and the passthrough: `lspci -nn -d 10de:` must list the GPU.");
        } else {
            f.title("No NVIDIA GPU and no NVIDIA driver here: nothing to diagnose")
                    .detail(s.pci.scanned()
                            ? "The PCI bus shows no NVIDIA display or 3D controller, and no NVIDIA driver is"
                            + " installed, so there is nothing for gpu-doctor to diagnose on this host."
                            : "No NVIDIA driver is installed and the PCI bus could not be read (no sysfs under"
                            + " the root), so there is nothing for gpu-doctor to diagnose.")
                    .fix("Run gpu-doctor on a GPU node; if this host should have a GPU, check `lspci -nn -d 10de:`.");
        }
        return f.evidence("/sys/bus/pci/devices", s.pci.scanned() ? "no NVIDIA (10de) display controller"
                        : "not readable")
                .evidence("libnvidia-ml.so.1", driver ? "found" : "not found")
                .build();
    }

    private static Finding notInstalled(DriverState s) {
        Finding.Builder f = Finding.of(FindingCode.DRIVER_NOT_INSTALLED, Severity.ERROR)
                .title("The NVIDIA GPU has no driver: neither libnvidia-ml nor the nvidia kernel module is installed")
                .detail("The PCI bus shows " + s.pci.gpus().size() + " NVIDIA GPU(s), but no NVIDIA userspace"
                        + " library was found and no nvidia kernel module is loaded, so nothing can use them.");
        s.pci.gpus().forEach(g -> f.evidence("/sys/bus/pci/devices/" + g.address(),
                String.format("NVIDIA device 0x%04x, class 0x%06x", g.deviceId(), g.classCode())));
        return f.evidence("libnvidia-ml.so.1", "not found").evidence("/proc/driver/nvidia/version", "missing")
                .fix("Install the NVIDIA datacenter driver, e.g. `sudo ubuntu-drivers install --gpgpu` or"
                        + " `sudo apt-get install nvidia-driver-550-server`, then reboot.")
                .build();
    }

    private static Finding moduleNotLoaded(DriverState s) {
        List<String> versions = s.versionedLibraries().stream().flatMap(c -> c.version().stream()).distinct()
                .toList();
        String major = versions.isEmpty() ? "<version>" : versions.get(0).split("\\.")[0];
        Finding.Builder f = Finding.of(FindingCode.KERNEL_MODULE_NOT_LOADED, Severity.ERROR)
                .title("The NVIDIA userspace driver " + (versions.isEmpty() ? "" : String.join(", ", versions) + " ")
                        + "is installed but the nvidia kernel module is not loaded")
                .detail("Every NVIDIA call fails with \"couldn't communicate with the NVIDIA driver\" (NVML "
                        + s.nvmlStatus() + "). Usual causes: the DKMS build for the running kernel failed, Secure"
                        + " Boot rejected the unsigned module, or nouveau holds the GPU.");
        for (LibraryCandidate c : s.versionedLibraries()) {
            f.evidence(c.path().toString(), c.realPath() + " (driver " + c.version().orElse("?") + ")");
        }
        return f.evidence("/proc/driver/nvidia/version", "missing")
                .evidence("/proc/modules", s.module.modulesListed() ? "no nvidia module" : "not readable")
                .evidence("nvmlInit_v2", s.nvmlStatus())
                .fix("Load it with `sudo modprobe nvidia` and read why it fails in `sudo dmesg | grep -i -e nvidia"
                        + " -e nvrm`; rebuild with `sudo dkms autoinstall` (package nvidia-dkms-" + major
                        + ") for the running kernel, or sign it and enrol the key with `sudo mokutil --import`"
                        + " under Secure Boot, then reboot.")
                .build();
    }
}
