package io.gpudoctor.simulate;

/**
 * Page retirement of a simulated pre-Ampere ECC board: pages retired for single- and double-bit
 * errors, and whether a retirement waits for the next GPU reset.
 */
public record RetiredPages(int singleBit, int doubleBit, boolean pending) {

    public static final RetiredPages NONE = new RetiredPages(0, 0, false);

    public RetiredPages {
        if (singleBit < 0 || doubleBit < 0) {
            throw new IllegalArgumentException("negative retired page count in " + this);
        }
    }
}
