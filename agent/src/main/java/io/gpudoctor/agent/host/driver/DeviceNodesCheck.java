package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.gpus.GpuReading;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The module is loaded but its device nodes are missing or carry other numbers than the module's
 * majors: programs then fail to open the GPU although the driver is fine. Nodes are made by
 * nvidia-modprobe or udev, not by the module, so a host without either (or a container image's
 * {@code /dev}) ends up without them.
 */
public final class DeviceNodesCheck implements Check {

    static final int CONTROL_MINOR = 255;
    static final int MODESET_MINOR = 254;

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        DriverState s = DriverState.of(facts);
        List<Evidence> problems = problems(s);
        if (problems.isEmpty()) {
            return List.of();
        }
        return List.of(Finding.of(FindingCode.DEVICE_NODES_MISSING, Severity.ERROR)
                .title("The nvidia module is loaded but " + problems.size() + " of its device nodes are missing or wrong")
                .detail("Every NVIDIA program opens /dev/nvidiactl and /dev/nvidiaN; without them, or with nodes"
                        + " whose major is not the module's, NVML and CUDA fail as if there were no driver."
                        + " The nodes are created by nvidia-modprobe (or udev rules), not by the module itself.")
                .evidence(problems)
                .fix("Create them: `sudo nvidia-modprobe -c0 -u` (once per GPU minor: -c1, -c2 ...), or `sudo"
                        + " nvidia-ctk system create-device-nodes --control-devices --load-kernel-modules`; remove"
                        + " any node with a wrong major first (`sudo rm /dev/nvidia<N>`).")
                .build());
    }

    /** What is wrong with the nodes; empty when they are fine or the module is not loaded (another finding). */
    static List<Evidence> problems(DriverState s) {
        if (!s.module.nvidiaLoaded()) {
            return List.of();
        }
        List<Evidence> problems = new ArrayList<>();
        Optional<Integer> control = s.module.controlMajor();
        required(s, "/dev/nvidiactl", control, CONTROL_MINOR, problems);
        for (int minor : gpuMinors(s)) {
            required(s, "/dev/nvidia" + minor, control, minor, problems);
        }
        optional(s, "/dev/nvidia-modeset", control, Optional.of(MODESET_MINOR), problems);
        optional(s, "/dev/nvidia-uvm", s.module.uvmMajor(), Optional.of(0), problems);
        optional(s, "/dev/nvidia-uvm-tools", s.module.uvmMajor(), Optional.of(1), problems);
        Optional<Integer> caps = Optional.ofNullable(s.module.majors().get("nvidia-caps"));
        s.nodes.nodes().keySet().stream().filter(p -> p.startsWith("/dev/nvidia-caps/")).sorted()
                .forEach(p -> optional(s, p, caps, Optional.empty(), problems));
        return problems;
    }

    /** The minors of /dev/nvidiaN: the module's own list, else NVML's. */
    private static TreeSet<Integer> gpuMinors(DriverState s) {
        TreeSet<Integer> minors = new TreeSet<>();
        s.module.gpus().forEach(g -> g.deviceMinor().ifPresent(minors::add));
        if (minors.isEmpty()) {
            for (GpuReading g : s.inventory.gpus()) {
                g.minorNumber().ifPresent(minors::add);
            }
        }
        return minors;
    }

    private static void required(DriverState s, String path, Optional<Integer> major, int minor,
                                 List<Evidence> problems) {
        if (s.nodes.node(path).isEmpty()) {
            problems.add(new Evidence(path, "missing"));
        } else {
            optional(s, path, major, Optional.of(minor), problems);
        }
    }

    private static void optional(DriverState s, String path, Optional<Integer> major, Optional<Integer> minor,
                                 List<Evidence> problems) {
        s.nodes.node(path).filter(n -> wrong(n, major, minor)).ifPresent(n -> problems.add(new Evidence(path,
                n.describe() + ", expected major " + major.map(String::valueOf).orElse("?")
                        + minor.map(m -> " minor " + m).orElse(""))));
    }

    /** Only a character device's numbers can be checked; a plain file (a fixture, a copied tree) passes. */
    private static boolean wrong(DeviceNode node, Optional<Integer> major, Optional<Integer> minor) {
        if (!node.charDevice() || node.major().isEmpty() || node.minor().isEmpty()) {
            return false;
        }
        return major.isPresent() && !major.equals(node.major()) || minor.isPresent() && !minor.equals(node.minor());
    }
}
