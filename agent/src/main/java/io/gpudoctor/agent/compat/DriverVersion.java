package io.gpudoctor.agent.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An NVIDIA Linux driver version such as {@code 535.161.07} or {@code 570.26}, ordered as an
 * integer tuple: 570.26 &lt; 570.124.06, which neither a float nor a string comparison gets right.
 * Missing trailing fields count as zero, so the branch floor {@code 580} sorts before every 580 driver.
 * Equality follows the ordering; {@link #text()} keeps the spelling (leading zeros included).
 */
public record DriverVersion(String text, List<Integer> fields) implements Comparable<DriverVersion> {

    private static final Pattern SHAPE = Pattern.compile("\\d{1,5}(\\.\\d{1,5}){1,2}");

    public DriverVersion {
        fields = List.copyOf(fields);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a driver version needs at least its branch");
        }
    }

    /**
     * Parses what nvidia-smi, NVML and /proc/driver/nvidia/version print: BRANCH.MINOR[.PATCH].
     *
     * @throws IllegalArgumentException with a message fit for a person on anything else
     */
    public static DriverVersion parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (!SHAPE.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("not a driver version (want BRANCH.MINOR[.PATCH], e.g. 535.161.07): '"
                    + (text == null ? "" : text) + "'");
        }
        List<Integer> fields = new ArrayList<>();
        for (String field : trimmed.split("\\.")) {
            fields.add(Integer.parseInt(field));
        }
        return new DriverVersion(trimmed, fields);
    }

    /** The version, or empty when the text is not one (an odd file, a hostile container). */
    public static Optional<DriverVersion> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The lowest version of a driver branch: tables that give a branch only ("&gt;= 580") compare against it. */
    public static DriverVersion branchFloor(int branch) {
        return new DriverVersion(Integer.toString(branch), List.of(branch));
    }

    /** The driver branch, e.g. 535 for 535.161.07. */
    public int branch() {
        return fields.get(0);
    }

    @Override
    public int compareTo(DriverVersion other) {
        int length = Math.max(fields.size(), other.fields.size());
        for (int i = 0; i < length; i++) {
            int difference = Integer.compare(field(i), other.field(i));
            if (difference != 0) {
                return difference;
            }
        }
        return 0;
    }

    public boolean isAtLeast(DriverVersion minimum) {
        return compareTo(minimum) >= 0;
    }

    private int field(int index) {
        return index < fields.size() ? fields.get(index) : 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DriverVersion other && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        int last = fields.size();
        while (last > 1 && fields.get(last - 1) == 0) {
            last--;
        }
        return fields.subList(0, last).hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
