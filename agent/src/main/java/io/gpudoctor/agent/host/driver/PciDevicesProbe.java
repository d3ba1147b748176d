package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.hostfs.HostFileReader;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Lists NVIDIA's PCI functions from {@code /sys/bus/pci/devices/*\/{vendor,class,device}}. */
public final class PciDevicesProbe implements HostProbe<PciDevices> {

    static final String DEVICES = "/sys/bus/pci/devices";

    @Override
    public Class<PciDevices> type() {
        return PciDevices.class;
    }

    @Override
    public PciDevices probe(HostFileReader files) {
        List<String> addresses = files.list(DEVICES);
        List<PciDevice> nvidia = new ArrayList<>();
        for (String address : addresses) {
            String dir = DEVICES + "/" + address + "/";
            OptionalInt vendor = id(files, dir + "vendor");
            if (vendor.isEmpty() || vendor.getAsInt() != PciDevices.NVIDIA_VENDOR) {
                continue;
            }
            OptionalInt classCode = id(files, dir + "class");
            OptionalInt device = id(files, dir + "device");
            if (classCode.isPresent()) {
                nvidia.add(new PciDevice(address, device.orElse(0), classCode.getAsInt()));
            }
        }
        return new PciDevices(!addresses.isEmpty(), nvidia);
    }

    private static OptionalInt id(HostFileReader files, String path) {
        return files.read(path).content().map(PciDevices::parseId).orElse(OptionalInt.empty());
    }
}
