package io.gpudoctor.agent.host.driver;

/**
 * An NVIDIA PCI function from {@code /sys/bus/pci/devices/<address>}.
 *
 * @param address   {@code 0000:a1:00.0}
 * @param deviceId  the PCI device id ({@code 0x2330})
 * @param classCode the 24-bit class ({@code 0x030200})
 */
public record PciDevice(String address, int deviceId, int classCode) {

    /** A GPU: a VGA-compatible (0x0300) or 3D (0x0302) display controller. */
    public boolean isGpu() {
        int subclass = classCode >> 8;
        return subclass == 0x0300 || subclass == 0x0302;
    }

    /** An NVSwitch shows as an "other bridge" (0x0680) of NVIDIA's. */
    public boolean isNvSwitch() {
        return classCode >> 8 == 0x0680;
    }
}
