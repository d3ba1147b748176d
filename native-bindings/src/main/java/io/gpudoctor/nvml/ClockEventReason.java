package io.gpudoctor.nvml;

import java.util.EnumSet;
import java.util.Set;

/** The bits of {@code nvmlDeviceGetCurrentClocksEventReasons} (formerly "throttle reasons"). */
public enum ClockEventReason {
    GPU_IDLE(0x1L),
    APPLICATIONS_CLOCKS_SETTING(0x2L),
    SW_POWER_CAP(0x4L),
    HW_SLOWDOWN(0x8L),
    SYNC_BOOST(0x10L),
    SW_THERMAL_SLOWDOWN(0x20L),
    HW_THERMAL_SLOWDOWN(0x40L),
    HW_POWER_BRAKE_SLOWDOWN(0x80L),
    DISPLAY_CLOCK_SETTING(0x100L);

    private final long mask;

    ClockEventReason(long mask) {
        this.mask = mask;
    }

    public long mask() {
        return mask;
    }

    /** The reasons set in a bitmask; unknown bits are ignored. */
    public static Set<ClockEventReason> decode(long bits) {
        Set<ClockEventReason> set = EnumSet.noneOf(ClockEventReason.class);
        for (ClockEventReason r : values()) {
            if ((bits & r.mask) != 0) {
                set.add(r);
            }
        }
        return set;
    }

    /** The bitmask of a set of reasons. */
    public static long encode(Set<ClockEventReason> reasons) {
        long bits = 0;
        for (ClockEventReason r : reasons) {
            bits |= r.mask;
        }
        return bits;
    }
}
