package io.gpudoctor.simulate;

import io.gpudoctor.nvml.PcieDirection;

/** PCIe traffic of a simulated GPU in KB/s, as {@code nvmlDeviceGetPcieThroughput} samples it. */
public record PcieThroughput(int txKilobytesPerSecond, int rxKilobytesPerSecond) {

    public static final PcieThroughput IDLE = new PcieThroughput(0, 0);

    public PcieThroughput {
        if (txKilobytesPerSecond < 0 || rxKilobytesPerSecond < 0) {
            throw new IllegalArgumentException("negative PCIe throughput in " + this);
        }
    }

    public int kilobytesPerSecond(PcieDirection direction) {
        return direction == PcieDirection.TX ? txKilobytesPerSecond : rxKilobytesPerSecond;
    }
}
