package io.gpudoctor.agent.host.packages;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The upstream part of a package version as integers: {@code 1:1.17.8-1} is (1, 17, 8). A
 * {@code ~rc.1} pre-release sorts before its release, as dpkg sorts it. Compared as integer
 * tuples, so 1.17.10 is newer than 1.17.8.
 */
public record UpstreamVersion(List<Integer> parts, boolean preRelease) implements Comparable<UpstreamVersion> {

    public UpstreamVersion {
        parts = List.copyOf(parts);
    }

    /** Parses a Debian or RPM version; empty when it does not start with a number. */
    public static Optional<UpstreamVersion> parse(String version) {
        String upstream = version.strip();
        int epoch = upstream.indexOf(':');
        if (epoch >= 0) {
            upstream = upstream.substring(epoch + 1);
        }
        int revision = upstream.lastIndexOf('-');
        if (revision > 0) {
            upstream = upstream.substring(0, revision);
        }
        boolean preRelease = false;
        int tilde = upstream.indexOf('~');
        if (tilde >= 0) {
            preRelease = true;
            upstream = upstream.substring(0, tilde);
        }
        List<Integer> parts = new ArrayList<>();
        for (String piece : upstream.split("\\.", -1)) {
            String digits = leadingDigits(piece);
            if (digits.isEmpty() || digits.length() > 9) {
                break;
            }
            parts.add(Integer.parseInt(digits));
            if (digits.length() < piece.length()) {
                break;
            }
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(new UpstreamVersion(parts, preRelease));
    }

    /** {@code 1.17.8} as a release, for tables of fixed versions. */
    public static UpstreamVersion of(int... numbers) {
        List<Integer> parts = new ArrayList<>();
        for (int number : numbers) {
            parts.add(number);
        }
        return new UpstreamVersion(parts, false);
    }

    public boolean isBelow(UpstreamVersion other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(UpstreamVersion other) {
        int length = Math.max(parts.size(), other.parts.size());
        for (int i = 0; i < length; i++) {
            int mine = i < parts.size() ? parts.get(i) : 0;
            int theirs = i < other.parts.size() ? other.parts.get(i) : 0;
            if (mine != theirs) {
                return Integer.compare(mine, theirs);
            }
        }
        return Boolean.compare(other.preRelease, preRelease);
    }

    @Override
    public String toString() {
        return String.join(".", parts.stream().map(String::valueOf).toList()) + (preRelease ? "~pre" : "");
    }

    private static String leadingDigits(String piece) {
        int end = 0;
        while (end < piece.length() && Character.isDigit(piece.charAt(end))) {
            end++;
        }
        return piece.substring(0, end);
    }
}
