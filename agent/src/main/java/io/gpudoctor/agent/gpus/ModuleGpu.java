package io.gpudoctor.agent.gpus;

import java.util.Optional;

/**
 * A GPU as the kernel module registered it, from {@code /proc/driver/nvidia/gpus/<bus>/information}.
 *
 * @param busLocation {@code 0000:a1:00.0}
 * @param deviceMinor N of {@code /dev/nvidiaN}
 * @param excluded    {@code GPU Excluded: Yes}: kept from use on purpose ({@code NVreg_ExcludedGpus}), so NVML
 *                    does not list it
 */
public record ModuleGpu(Optional<String> model, Optional<String> uuid, Optional<String> busLocation,
                        Optional<Integer> deviceMinor, boolean excluded) {

    /**
     * Parses the {@code Key: value} lines of an information file ({@code Model:}, {@code GPU UUID:},
     * {@code Bus Location:}, {@code Device Minor:}, {@code GPU Excluded:}); a missing or malformed key
     * stays empty (not excluded).
     */
    public static ModuleGpu parse(String text) {
        Optional<String> model = Optional.empty();
        Optional<String> uuid = Optional.empty();
        Optional<String> bus = Optional.empty();
        Optional<Integer> minor = Optional.empty();
        boolean excluded = false;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            Optional<String> value = Optional.of(line.substring(colon + 1).strip()).filter(v -> !v.isEmpty());
            switch (key) {
                case "Model" -> model = value;
                case "GPU UUID" -> uuid = value;
                case "Bus Location" -> bus = value;
                case "Device Minor" -> minor = value.filter(v -> v.matches("\\d{1,6}")).map(Integer::valueOf);
                case "GPU Excluded" -> excluded = value.filter(v -> v.equalsIgnoreCase("Yes")).isPresent();
                default -> { }
            }
        }
        return new ModuleGpu(model, uuid, bus, minor, excluded);
    }
}
