package io.gpudoctor.agent.simulate;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code root.index} beside a named scenario's {@code scenario.yaml}: the relative path of
 * every file under its {@code root/}, one a line. A jar cannot list a folder, so the shipped tree
 * is only as complete as this list; a unit test compares it with the folder. Blank lines and
 * lines starting with {@code #} are skipped.
 */
final class HostRootIndex {

    /** The index's name inside a named scenario's folder. */
    static final String FILE = "root.index";

    private HostRootIndex() {
    }

    /**
     * The listed paths, in file order.
     *
     * @param source   the index, for messages
     * @param maxFiles more entries than this are refused, so a runaway index cannot fill the disk
     * @throws ScenarioException naming the line of an entry that is absolute, climbs out with
     *                           {@code ..}, is not normalized, or is listed twice
     */
    static List<String> parse(String source, String text, int maxFiles) throws ScenarioException {
        List<String> lines = text.lines().toList();
        Set<String> entries = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String entry = lines.get(i).strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            String where = ":" + (i + 1);
            Optional<String> problem = problem(entry);
            if (problem.isPresent()) {
                throw new ScenarioException(source + where, "'" + entry + "' " + problem.get());
            }
            if (!entries.add(entry)) {
                throw new ScenarioException(source + where, "'" + entry + "' is listed twice");
            }
            if (entries.size() > maxFiles) {
                throw new ScenarioException(source + where, "more than " + maxFiles + " files; the tree is refused");
            }
        }
        return new ArrayList<>(entries);
    }

    /** Why an entry cannot name a file inside the tree; empty when it can. */
    private static Optional<String> problem(String entry) {
        if (entry.startsWith("/") || entry.contains("\\")) {
            return Optional.of("is not a relative path with '/' separators");
        }
        Path path;
        try {
            path = Path.of(entry);
        } catch (InvalidPathException e) {
            return Optional.of("is not a path");
        }
        if (path.startsWith("..") || !path.normalize().toString().equals(entry) || entry.endsWith("/")) {
            return Optional.of("is not a normalized path inside root/");
        }
        return Optional.empty();
    }
}
