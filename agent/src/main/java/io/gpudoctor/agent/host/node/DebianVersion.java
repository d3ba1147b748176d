package io.gpudoctor.agent.host.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The upstream part of a Debian package version as integers: {@code 1:1.7.0~rc.1-1} is
 * {@code [1, 7, 0]}. Epoch and Debian revision are dropped and so is any suffix after the
 * numbers ({@code ~rc.1}), which is enough to compare against a release such as 1.8.0.
 */
final class DebianVersion {

    private static final Pattern UPSTREAM_NUMBERS = Pattern.compile("^(\\d{1,9}(?:\\.\\d{1,9})*)(?![.\\d])");

    private DebianVersion() {
    }

    static Optional<List<Integer>> upstream(String version) {
        String v = version.strip();
        int colon = v.indexOf(':');
        if (colon >= 0) {
            v = v.substring(colon + 1);
        }
        int dash = v.lastIndexOf('-');
        if (dash > 0) {
            v = v.substring(0, dash);
        }
        Matcher m = UPSTREAM_NUMBERS.matcher(v);
        if (!m.find()) {
            return Optional.empty();
        }
        List<Integer> parts = new ArrayList<>();
        for (String part : m.group(1).split("\\.")) {
            parts.add(Integer.parseInt(part));
        }
        return Optional.of(List.copyOf(parts));
    }

    /** Compares part by part; a missing part counts as 0, so 1.8 equals 1.8.0. */
    static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int c = Integer.compare(i < a.size() ? a.get(i) : 0, i < b.size() ? b.get(i) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
