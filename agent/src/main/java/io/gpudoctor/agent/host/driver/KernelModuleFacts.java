package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.gpus.ModuleGpu;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The NVIDIA kernel driver as the host's files show it, without asking NVML.
 *
 * @param version        the nvidia module's version ({@code 535.161.07}); empty when not loaded or unreadable
 * @param versionSource  the file the version was read from, for evidence
 * @param modules        loaded modules from {@code /proc/modules} among those that matter here
 *                       ({@code nvidia}, {@code nvidia_uvm}, {@code nvidia_modeset}, {@code nvidia_drm},
 *                       {@code nouveau}); empty when the file could not be read
 * @param modulesListed  whether {@code /proc/modules} could be read at all
 * @param sysModules     those of the same modules that have a {@code /sys/module/<name>} folder
 * @param majors         NVIDIA character device majors from {@code /proc/devices} ({@code nvidia},
 *                       {@code nvidia-frontend}, {@code nvidia-uvm}, {@code nvidia-caps}, {@code nvidia-nvswitch})
 * @param devicesListed  whether {@code /proc/devices} could be read at all
 * @param gpus           the GPUs the module registered under {@code /proc/driver/nvidia/gpus}
 */
public record KernelModuleFacts(Optional<String> version, String versionSource, Set<String> modules,
                                boolean modulesListed, Set<String> sysModules, Map<String, Integer> majors,
                                boolean devicesListed, List<ModuleGpu> gpus) {

    /** The modules this concern looks for, as {@code /proc/modules} and {@code /sys/module} name them. */
    public static final Set<String> WATCHED_MODULES =
            Set.of("nvidia", "nvidia_uvm", "nvidia_modeset", "nvidia_drm", "nouveau");

    /** The {@code /proc/devices} names of the NVIDIA driver's character devices. */
    public static final Set<String> WATCHED_MAJORS =
            Set.of("nvidia", "nvidia-frontend", "nvidia-uvm", "nvidia-caps", "nvidia-nvswitch", "nvidia-modeset");

    public KernelModuleFacts {
        modules = Set.copyOf(modules);
        sysModules = Set.copyOf(sysModules);
        majors = Map.copyOf(majors);
        gpus = List.copyOf(gpus);
    }

    /** Whether any file shows the nvidia module loaded. */
    public boolean nvidiaLoaded() {
        return version.isPresent() || loaded("nvidia") || majors.containsKey("nvidia")
                || majors.containsKey("nvidia-frontend");
    }

    public boolean nouveauLoaded() {
        return loaded("nouveau");
    }

    /** Whether nvidia-uvm shows in any file; {@link #uvmMajor()} is what device nodes need. */
    public boolean uvmLoaded() {
        return loaded("nvidia_uvm") || majors.containsKey("nvidia-uvm");
    }

    /** The major of {@code /dev/nvidiactl} and {@code /dev/nvidiaN}: 195, read rather than assumed. */
    public Optional<Integer> controlMajor() {
        return Optional.ofNullable(majors.get("nvidia-frontend")).or(() -> Optional.ofNullable(majors.get("nvidia")));
    }

    public Optional<Integer> uvmMajor() {
        return Optional.ofNullable(majors.get("nvidia-uvm"));
    }

    private boolean loaded(String module) {
        return modules.contains(module) || sysModules.contains(module);
    }
}
