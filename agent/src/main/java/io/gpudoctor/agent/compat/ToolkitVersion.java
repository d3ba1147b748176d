package io.gpudoctor.agent.compat;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CUDA toolkit a workload was built for, as people and images write it: {@code 12.8} (torch's
 * {@code torch.version.cuda}), {@code 12.8.1} ({@code CUDA_VERSION} in NVIDIA's images) or
 * {@code 12.8 Update 1} (the release notes). At most one of {@code update} and {@code patch} is present.
 */
public record ToolkitVersion(int major, int minor, Optional<Integer> update, Optional<Integer> patch) {

    private static final Pattern PLAIN = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})(?:\\.(\\d{1,4}))?");
    private static final Pattern NAMED = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\s*(?:ga|(?:update|u)\\s*(\\d{1,2}))");

    public ToolkitVersion {
        if (update.isPresent() && patch.isPresent()) {
            throw new IllegalArgumentException("a CUDA version has an update or a patch number, not both");
        }
    }

    /**
     * Parses {@code X.Y}, {@code X.Y.Z}, {@code X.Y GA} or {@code X.Y Update N} (case-insensitive).
     *
     * @throws IllegalArgumentException with a message fit for a person on anything else
     */
    public static ToolkitVersion parse(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher plain = PLAIN.matcher(trimmed);
        if (plain.matches()) {
            return new ToolkitVersion(Integer.parseInt(plain.group(1)), Integer.parseInt(plain.group(2)),
                    Optional.empty(), Optional.ofNullable(plain.group(3)).map(Integer::valueOf));
        }
        Matcher named = NAMED.matcher(trimmed);
        if (named.matches()) {
            int update = named.group(3) == null ? 0 : Integer.parseInt(named.group(3));
            return new ToolkitVersion(Integer.parseInt(named.group(1)), Integer.parseInt(named.group(2)),
                    Optional.of(update), Optional.empty());
        }
        throw new IllegalArgumentException("not a CUDA version (want X.Y, X.Y.Z or 'X.Y Update N', e.g. 12.8): '"
                + (text == null ? "" : text) + "'");
    }

    /** {@code "12.8"}: the minor release, which names the cuda-compat package and the torch wheel. */
    public String minorRelease() {
        return major + "." + minor;
    }

    /** Orders by minor release only: 12.8 Update 1 and 12.8 compare equal, 12.8 &lt; 12.9 &lt; 13.0. */
    public int compareMinorRelease(ToolkitVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    public boolean sameMinorRelease(ToolkitVersion other) {
        return compareMinorRelease(other) == 0;
    }

    @Override
    public String toString() {
        return minorRelease()
                + patch.map(p -> "." + p).orElse("")
                + update.map(u -> u == 0 ? " GA" : " Update " + u).orElse("");
    }
}
