package io.gpudoctor.agent.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * One part of a test's host root (a process's {@code /proc/<pid>} folder, a container's bundle, a
 * config file) as it was, so that a test can take it away and put it back, file by file as a
 * kernel or a runtime would, with its modification times.
 */
final class HostTree {

    /** One file of the part: where it lies under the root, its bytes, its time. */
    private record Entry(Path relative, byte[] content, FileTime modified) {
    }

    private final Path root;
    private final Path part;
    private final List<Entry> files;

    private HostTree(Path root, Path part, List<Entry> files) {
        this.root = root;
        this.part = part;
        this.files = files;
    }

    /** Remembers the files under {@code hostPath} (a folder or one file) of the host root {@code root}. */
    static HostTree of(Path root, String hostPath) {
        Path part = root.resolve(hostPath.replaceFirst("^/", ""));
        try (Stream<Path> walk = Files.walk(part)) {
            List<Entry> files = walk.filter(Files::isRegularFile)
                    .map(f -> entry(root, f))
                    .toList();
            return new HostTree(root, part, files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the part, its files first, then its folders deepest first. */
    void remove() throws IOException {
        if (!Files.exists(part)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(part)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Writes every file back as it was, one at a time, with its time. */
    void restore() throws IOException {
        for (Entry e : files) {
            Path file = root.resolve(e.relative());
            Files.createDirectories(file.getParent());
            Files.write(file, e.content());
            Files.setLastModifiedTime(file, e.modified());
        }
    }

    /**
     * Writes what {@code content} makes of each file's original bytes over it, in place as an editor
     * would; the times are kept, so that the checks see a change of content only.
     */
    void overwrite(UnaryOperator<byte[]> content) throws IOException {
        for (Entry e : files) {
            Path file = root.resolve(e.relative());
            Files.createDirectories(file.getParent());
            Files.write(file, content.apply(e.content()));
            Files.setLastModifiedTime(file, e.modified());
        }
    }

    private static Entry entry(Path root, Path file) {
        try {
            return new Entry(root.relativize(file), Files.readAllBytes(file), Files.getLastModifiedTime(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
