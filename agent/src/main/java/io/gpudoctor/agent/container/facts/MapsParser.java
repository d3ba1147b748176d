package io.gpudoctor.agent.container.facts;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the {@code libcuda.so*} files in {@code /proc/<pid>/maps} ({@code address perms offset
 * dev inode pathname}), each once, in order of first mapping. Malformed lines are skipped. A pure
 * function.
 */
final class MapsParser {

    private static final int PATH_FIELD = 5;

    private MapsParser() {
    }

    /** The libcuda files mapped, per the text of a maps file. */
    public static List<MappedLibcuda> parse(String maps) {
        Set<String> paths = new LinkedHashSet<>();
        for (String line : maps.split("\n")) {
            String[] fields = line.trim().split("\\s+", PATH_FIELD + 1);
            if (fields.length <= PATH_FIELD || !fields[PATH_FIELD].startsWith("/")) {
                continue;
            }
            String path = fields[PATH_FIELD].endsWith(" (deleted)")
                    ? fields[PATH_FIELD].substring(0, fields[PATH_FIELD].length() - " (deleted)".length())
                    : fields[PATH_FIELD];
            if (path.substring(path.lastIndexOf('/') + 1).startsWith("libcuda.so")) {
                paths.add(path);
            }
        }
        return paths.stream().map(MappedLibcuda::of).toList();
    }
}
