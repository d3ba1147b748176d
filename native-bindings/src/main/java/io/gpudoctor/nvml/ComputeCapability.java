package io.gpudoctor.nvml;

/** A CUDA compute capability such as 9.0 (Hopper) or 8.6 (Ampere GeForce). */
public record ComputeCapability(int major, int minor) implements Comparable<ComputeCapability> {

    public ComputeCapability {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("negative compute capability " + major + "." + minor);
        }
    }

    /** Parses {@code "8.6"}; throws {@link IllegalArgumentException} on anything else. */
    public static ComputeCapability parse(String text) {
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("not a compute capability (want MAJOR.MINOR): " + text);
        }
        try {
            return new ComputeCapability(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a compute capability (want MAJOR.MINOR): " + text, e);
        }
    }

    @Override
    public int compareTo(ComputeCapability o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
