package io.gpudoctor.agent.compat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gpudoctor.nvml.ComputeCapability;
import java.util.List;
import java.util.Optional;

/**
 * A GPU as the compatibility rules see it: its compute capability and its class. Models come from
 * the table ({@code --gpu H100}); a bare compute capability gives an unnamed GPU of unknown class.
 */
public record GpuModel(String name, List<String> aliases, ComputeCapability computeCapability,
        @JsonProperty("class") GpuClass gpuClass) {

    public GpuModel {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** A compute capability as NVML writes it ("9.0"), or empty when the text is not one. */
    public static Optional<ComputeCapability> capability(String text) {
        try {
            return Optional.of(ComputeCapability.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A GPU known only by its compute capability ({@code --compute-capability 9.0}). */
    public static GpuModel ofComputeCapability(ComputeCapability capability) {
        return new GpuModel("GPU of compute capability " + capability, List.of(), capability, GpuClass.UNKNOWN);
    }
}
