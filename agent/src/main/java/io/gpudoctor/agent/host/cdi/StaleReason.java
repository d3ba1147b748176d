package io.gpudoctor.agent.host.cdi;

import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.host.driver.RunningDriver;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One way an NVIDIA CDI spec has drifted from the node.
 *
 * @param needsNewerToolkit regenerating with the installed toolkit would write the same spec
 */
record StaleReason(Severity severity, String sentence, List<Evidence> evidence, boolean needsNewerToolkit) {

    StaleReason(Severity severity, String sentence, Evidence evidence, boolean needsNewerToolkit) {
        this(severity, sentence, List.of(evidence), needsNewerToolkit);
    }

    static final String NVIDIA_VENDOR = "nvidia.com";
    static final String GPU_KIND = "nvidia.com/gpu";
    static final String UVM = "/dev/nvidia-uvm";
    /** WSL2's GPU device: its specs have no /dev/nvidia* nodes, UVM included. */
    static final String WSL_GPU = "/dev/dxg";
    /** The device name standing for every GPU. */
    static final String ALL = "all";

    /**
     * The driver libraries whose version is the driver's: a mismatch there fails the mount. A driver
     * version has a major of three digits or more; WSL2's {@code libcuda.so.1.1} is not one.
     */
    private static final Pattern DRIVER_LIBRARY =
            Pattern.compile("(?:^|/)(?:libcuda|libnvidia-ml)\\.so\\.(\\d{3,}(?:\\.\\d+)+)$");
    private static final Pattern INDEX = Pattern.compile("\\d+");

    /** @param driver the driver this node runs, judged from NVML, the kernel module or the libraries */
    static List<StaleReason> of(CdiSpec spec, Optional<GpuInventory> inventory, Optional<RunningDriver> driver) {
        List<StaleReason> reasons = new ArrayList<>();
        driver.ifPresent(running -> reasons.addAll(libraries(spec, running)));
        if (spec.kind().equals(GPU_KIND)) {
            inventory.filter(inv -> !inv.gpus().isEmpty()).ifPresent(inv -> reasons.addAll(devices(spec, inv.gpus())));
            noUvm(spec).ifPresent(reasons::add);
        }
        hooksWithoutEnv(spec).ifPresent(reasons::add);
        return reasons;
    }

    /**
     * One reason for every driver library of another version than the running driver's: a spec
     * generated for the last driver names libcuda and libnvidia-ml alike, and one sentence says so.
     */
    private static List<StaleReason> libraries(CdiSpec spec, RunningDriver driver) {
        Map<String, String> stale = new TreeMap<>();
        spec.allEdits().flatMap(e -> e.mounts().stream()).map(CdiContainerEdits.Mount::hostPath).distinct()
                .forEach(hostPath -> {
                    Matcher m = DRIVER_LIBRARY.matcher(hostPath);
                    if (m.find() && !m.group(1).equals(driver.version())) {
                        stale.put(hostPath, m.group(1));
                    }
                });
        if (stale.isEmpty()) {
            return List.of();
        }
        List<String> versions = stale.values().stream().distinct().toList();
        String sentence = "it mounts " + String.join(" and ", stale.keySet())
                + (stale.size() == 1 ? ", a library" : ", libraries") + " of driver " + String.join(", ", versions)
                + ", while the driver is " + driver.described() + ", so starting a container fails on the missing "
                + (stale.size() == 1 ? "file." : "files.");
        List<Evidence> evidence = stale.keySet().stream().map(hostPath -> new Evidence("mount hostPath",
                hostPath + " (driver " + driver.version() + " running, read from " + driver.source() + ")")).toList();
        return List.of(new StaleReason(Severity.ERROR, sentence, evidence, false));
    }

    private static List<StaleReason> devices(CdiSpec spec, List<GpuReading> gpus) {
        Set<String> names = spec.devices().stream().map(CdiSpec.Device::name).collect(Collectors.toSet());
        if (names.equals(Set.of(ALL))) {
            // WSL2's spec (and nvidia-ctk --device-name-strategy none) offers only all, which is every GPU
            return List.of();
        }
        Set<String> indices = gpus.stream().map(g -> Integer.toString(g.index())).collect(Collectors.toSet());
        Set<String> uuids = gpus.stream().flatMap(g -> g.uuid().stream()).collect(Collectors.toSet());
        Set<String> gone = new LinkedHashSet<>();
        List<String> unmatchedUuids = new ArrayList<>();
        for (String name : names.stream().sorted().toList()) {
            if (INDEX.matcher(name).matches() && !indices.contains(name)) {
                gone.add(name);
            } else if (name.startsWith("GPU-") && !uuids.contains(name)) {
                unmatchedUuids.add(name);
            }
        }
        // A GPU NVML cannot read (lost, say) has no UUID to match: as many unmatched UUIDs may be it.
        long unidentified = gpus.stream().filter(g -> g.uuid().isEmpty()).count();
        if (unmatchedUuids.size() > unidentified) {
            gone.addAll(unmatchedUuids);
        }
        List<String> missing = gpus.stream()
                .filter(g -> !listed(g, names))
                .map(g -> g.index() + g.uuid().map(u -> " (" + u + ")").orElse(""))
                .toList();
        List<StaleReason> reasons = new ArrayList<>();
        if (!gone.isEmpty()) {
            reasons.add(new StaleReason(Severity.ERROR, "it names GPUs this node does not have (" + String.join(", ", gone)
                    + "); asking for them, or for all, fails.",
                    new Evidence("devices[].name", "not on this node: " + String.join(", ", gone)
                            + " (" + gpus.size() + " GPU(s) present)"), false));
        }
        if (!missing.isEmpty()) {
            reasons.add(new StaleReason(Severity.WARN, "it lacks GPU " + String.join(", ", missing)
                    + ", which containers therefore cannot get through CDI.",
                    new Evidence("devices[].name", "GPUs present but not in the spec: " + String.join(", ", missing)),
                    false));
        }
        return reasons;
    }

    /** By index, by UUID, or (MIG) by one of its instances {@code <index>:<n>}. */
    private static boolean listed(GpuReading gpu, Set<String> names) {
        String index = Integer.toString(gpu.index());
        return names.contains(index) || gpu.uuid().map(names::contains).orElse(false)
                || names.stream().anyMatch(n -> n.startsWith(index + ":"));
    }

    private static Optional<StaleReason> noUvm(CdiSpec spec) {
        boolean hasUvm = spec.allEdits().flatMap(e -> e.deviceNodes().stream())
                .anyMatch(n -> n.path().equals(UVM) || n.path().equals(WSL_GPU));
        return hasUvm ? Optional.empty() : Optional.of(new StaleReason(Severity.ERROR, "it has no " + UVM
                + " device node, usually because it was generated before the nvidia-uvm module was loaded;"
                + " CUDA in the container then fails to initialise (error 999) while nvidia-smi works.",
                new Evidence("containerEdits.deviceNodes", "no " + UVM), false));
    }

    private static Optional<StaleReason> hooksWithoutEnv(CdiSpec spec) {
        List<String> bare = spec.allEdits().flatMap(e -> e.hooks().stream())
                .filter(h -> h.env().isEmpty())
                .map(CdiContainerEdits.Hook::describe)
                .distinct()
                .toList();
        return bare.isEmpty() ? Optional.empty() : Optional.of(new StaleReason(Severity.WARN, "its hooks have no env,"
                + " which marks a spec written by nvidia-container-toolkit before 1.17.8: such hooks inherit the"
                + " container image's environment (CVE-2025-23266, LD_PRELOAD in a privileged hook).",
                new Evidence("containerEdits.hooks[].env", "missing on " + String.join(", ", bare)), true));
    }
}
