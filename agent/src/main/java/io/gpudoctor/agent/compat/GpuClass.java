package io.gpudoctor.agent.compat;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * The kind of GPU, as far as forward compatibility cares: it runs on data-center GPUs and Jetson,
 * fails with error 804 on GeForce, and works on workstation cards only for select NGC Server Ready SKUs.
 */
public enum GpuClass {
    DATACENTER, GEFORCE, WORKSTATION, JETSON, UNKNOWN;

    /** True or false where the class settles it; empty where it depends on the exact SKU or is unknown. */
    public Optional<Boolean> supportsForwardCompatibility() {
        return switch (this) {
            case DATACENTER, JETSON -> Optional.of(true);
            case GEFORCE -> Optional.of(false);
            case WORKSTATION, UNKNOWN -> Optional.empty();
        };
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
