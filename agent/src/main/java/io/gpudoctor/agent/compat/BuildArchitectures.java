package io.gpudoctor.agent.compat;

import io.gpudoctor.nvml.ComputeCapability;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The GPU code a binary carries: SASS (machine code) and PTX (JIT-compiled by the driver) per
 * architecture, parsed from torch's {@code get_arch_list()} ({@code sm_50 ... sm_90 compute_90})
 * or a {@code TORCH_CUDA_ARCH_LIST} ({@code 7.5;8.0;12.0+PTX}).
 */
public record BuildArchitectures(List<Target> targets) {

    private static final Pattern NVCC = Pattern.compile("(sm|compute)_(\\d{2,3})([af]?)");
    private static final Pattern DOTTED = Pattern.compile("(\\d{1,2})\\.(\\d)([af]?)(\\+ptx)?");

    public BuildArchitectures {
        targets = List.copyOf(targets);
    }

    /** What a target holds: SASS runs on later minors of its major; arch-specific SASS ({@code sm_90a}) on its own only. */
    public enum Kind { SASS, SASS_ARCH_SPECIFIC, PTX }

    /** One architecture a binary was built for. */
    public record Target(ComputeCapability computeCapability, Kind kind) {

        boolean runsOn(ComputeCapability gpu) {
            return switch (kind) {
                case SASS -> computeCapability.major() == gpu.major() && computeCapability.minor() <= gpu.minor();
                case SASS_ARCH_SPECIFIC -> computeCapability.equals(gpu);
                case PTX -> computeCapability.compareTo(gpu) <= 0;
            };
        }

        @Override
        public String toString() {
            int number = computeCapability.major() * 10 + computeCapability.minor();
            return switch (kind) {
                case SASS -> "sm_" + number;
                case SASS_ARCH_SPECIFIC -> "sm_" + number + "a";
                case PTX -> "compute_" + number;
            };
        }
    }

    /**
     * Parses a list separated by spaces, commas or semicolons; brackets and quotes (Python's list
     * printing) are ignored.
     *
     * @throws IllegalArgumentException on an entry that is not an architecture, or on an empty list
     */
    public static BuildArchitectures parse(String text) {
        List<Target> targets = new ArrayList<>();
        for (String token : text.toLowerCase(Locale.ROOT).replaceAll("[\\[\\]'\"]", " ").split("[\\s,;]+")) {
            if (!token.isEmpty()) {
                targets.addAll(parseToken(token));
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no GPU architectures in '" + text + "'");
        }
        return new BuildArchitectures(targets);
    }

    private static List<Target> parseToken(String token) {
        Matcher nvcc = NVCC.matcher(token);
        if (nvcc.matches()) {
            int number = Integer.parseInt(nvcc.group(2));
            ComputeCapability capability = new ComputeCapability(number / 10, number % 10);
            Kind kind = nvcc.group(1).equals("compute") ? Kind.PTX
                    : nvcc.group(3).equals("a") ? Kind.SASS_ARCH_SPECIFIC : Kind.SASS;
            return List.of(new Target(capability, kind));
        }
        Matcher dotted = DOTTED.matcher(token);
        if (dotted.matches()) {
            ComputeCapability capability = new ComputeCapability(Integer.parseInt(dotted.group(1)),
                    Integer.parseInt(dotted.group(2)));
            Target sass = new Target(capability, dotted.group(3).equals("a") ? Kind.SASS_ARCH_SPECIFIC : Kind.SASS);
            return dotted.group(4) == null ? List.of(sass) : List.of(sass, new Target(capability, Kind.PTX));
        }
        throw new IllegalArgumentException("not a GPU architecture (want sm_90, compute_90, 9.0 or 9.0+PTX): '"
                + token + "'");
    }

    /** Whether some SASS in the build runs on the GPU, or some PTX can be JIT-compiled for it. */
    public boolean runsOn(ComputeCapability gpu) {
        return targets.stream().anyMatch(target -> target.runsOn(gpu));
    }

    @Override
    public String toString() {
        return targets.stream().map(Target::toString).collect(Collectors.joining(" "));
    }
}
