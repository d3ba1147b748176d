package io.gpudoctor.agent.host.driver;

import java.util.List;
import java.util.OptionalInt;

/**
 * The host's NVIDIA PCI devices.
 *
 * @param scanned whether {@code /sys/bus/pci/devices} listed any device at all; when it did not
 *                (no sysfs under the root), "no NVIDIA device" is unknown rather than true
 * @param nvidia  the functions whose vendor is NVIDIA (0x10de)
 */
public record PciDevices(boolean scanned, List<PciDevice> nvidia) {

    static final int NVIDIA_VENDOR = 0x10de;

    public PciDevices {
        nvidia = List.copyOf(nvidia);
    }

    public List<PciDevice> gpus() {
        return nvidia.stream().filter(PciDevice::isGpu).toList();
    }

    public List<PciDevice> nvSwitches() {
        return nvidia.stream().filter(PciDevice::isNvSwitch).toList();
    }

    /** A sysfs id file ({@code 0x10de}, {@code 0x030200}); empty when it holds no hex number. */
    public static OptionalInt parseId(String text) {
        String value = text.strip();
        if (value.startsWith("0x") || value.startsWith("0X")) {
            value = value.substring(2);
        }
        if (!value.matches("[0-9A-Fa-f]{1,6}")) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(value, 16));
    }
}
