package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.hostfs.HostFileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Lists the NVIDIA device nodes and reads their device numbers from {@code unix:rdev}. Only
 * attributes are read, never the device: opening one could load modules or block.
 */
public final class DeviceNodesProbe implements HostProbe<DeviceNodes> {

    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    @Override
    public Class<DeviceNodes> type() {
        return DeviceNodes.class;
    }

    @Override
    public DeviceNodes probe(HostFileReader files) {
        Map<String, DeviceNode> nodes = new HashMap<>();
        for (String name : files.list("/dev")) {
            if (name.startsWith("nvidia") && !name.equals("nvidia-caps")) {
                add(files, "/dev/" + name, nodes);
            }
        }
        for (String name : files.list("/dev/nvidia-caps")) {
            add(files, "/dev/nvidia-caps/" + name, nodes);
        }
        return new DeviceNodes(nodes);
    }

    private static void add(HostFileReader files, String hostPath, Map<String, DeviceNode> nodes) {
        nodes.put(hostPath, node(hostPath, files.paths().resolve(hostPath)));
    }

    static DeviceNode node(String hostPath, Path file) {
        try {
            Map<String, Object> attributes = Files.readAttributes(file, "unix:mode,rdev");
            int mode = ((Number) attributes.get("mode")).intValue();
            long rdev = ((Number) attributes.get("rdev")).longValue();
            if ((mode & S_IFMT) != S_IFCHR) {
                return new DeviceNode(hostPath, false, Optional.empty(), Optional.empty());
            }
            return new DeviceNode(hostPath, true, Optional.of(major(rdev)), Optional.of(minor(rdev)));
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException | ClassCastException e) {
            // No "unix" attribute view here: whether it is a device is still known, its numbers are not.
            boolean other = Files.exists(file) && !Files.isRegularFile(file) && !Files.isDirectory(file);
            return new DeviceNode(hostPath, other, Optional.empty(), Optional.empty());
        }
    }

    /** glibc's gnu_dev_major: 12 bits in the middle and the high bits above 32. */
    static int major(long rdev) {
        return (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
    }

    /** glibc's gnu_dev_minor: the low byte and 12 bits above bit 20. */
    static int minor(long rdev) {
        return (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
    }
}
