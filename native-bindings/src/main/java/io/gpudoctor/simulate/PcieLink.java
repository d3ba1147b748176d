package io.gpudoctor.simulate;

import io.gpudoctor.nvml.PcieLinkQuery;

/**
 * The PCIe link of a simulated GPU: what it trained to now, what the board and slot allow, and
 * the replays (link-level retransmissions) counted since the driver loaded.
 */
public record PcieLink(int currentGeneration, int maxGeneration, int currentWidth, int maxWidth, long replays) {

    public PcieLink {
        if (currentGeneration < 1 || currentGeneration > maxGeneration || maxGeneration > 6) {
            throw new IllegalArgumentException("PCIe generation must be 1 to the maximum (at most 6) in " + this);
        }
        if (currentWidth < 1 || currentWidth > maxWidth || maxWidth > 32) {
            throw new IllegalArgumentException("PCIe width must be 1 to the maximum (at most 32) in " + this);
        }
        if (replays < 0) {
            throw new IllegalArgumentException("negative PCIe replay count in " + this);
        }
    }

    /**
     * A healthy link at full width: a busy GPU at its maximum generation, an idle one at gen 1, as
     * real boards train down to save power when idle.
     */
    public static PcieLink healthy(int maxGeneration, int maxWidth, boolean busy) {
        return new PcieLink(busy ? maxGeneration : 1, maxGeneration, maxWidth, maxWidth, 0);
    }

    public int value(PcieLinkQuery query) {
        return switch (query) {
            case CURRENT_GENERATION -> currentGeneration;
            case MAX_GENERATION -> maxGeneration;
            case CURRENT_WIDTH -> currentWidth;
            case MAX_WIDTH -> maxWidth;
        };
    }
}
