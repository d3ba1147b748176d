package io.gpudoctor.simulate;

import io.gpudoctor.nvml.EccCounterType;
import io.gpudoctor.nvml.EccErrorType;

/**
 * ECC error counts of a simulated GPU. Aggregate counters span the board's life, so they can
 * never be below the volatile ones, which start at the last driver load.
 */
public record EccCounts(long correctedVolatile, long uncorrectedVolatile,
                        long correctedAggregate, long uncorrectedAggregate) {

    /** A board that never saw an ECC error. */
    public static final EccCounts NONE = new EccCounts(0, 0, 0, 0);

    public EccCounts {
        if (correctedVolatile < 0 || uncorrectedVolatile < 0 || correctedAggregate < 0 || uncorrectedAggregate < 0) {
            throw new IllegalArgumentException("negative ECC count in " + this);
        }
        if (correctedAggregate < correctedVolatile || uncorrectedAggregate < uncorrectedVolatile) {
            throw new IllegalArgumentException("an aggregate ECC count is below its volatile count in " + this);
        }
    }

    public long count(EccErrorType type, EccCounterType counter) {
        boolean corrected = type == EccErrorType.CORRECTED;
        return switch (counter) {
            case VOLATILE -> corrected ? correctedVolatile : uncorrectedVolatile;
            case AGGREGATE -> corrected ? correctedAggregate : uncorrectedAggregate;
        };
    }
}
