package io.gpudoctor.agent.faults;

import io.gpudoctor.agent.simulate.LoadedScenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private copy of a shipped scenario's host root, for a test to change under a running daemon:
 * the extracted tree is shared by every test of the JVM and must stay as shipped.
 */
final class HostRootCopy {

    private HostRootCopy() {
    }

    /**
     * Copies {@code loaded}'s host root into {@code target}, keeping every file's and folder's
     * modification time, since checks compare them with process start times.
     */
    static Path of(LoadedScenario loaded, Path target) {
        Path source = loaded.hostRoot().orElseThrow(() -> new IllegalArgumentException("the scenario has no host root"));
        try (Stream<Path> walk = Files.walk(source)) {
            List<Path> entries = walk.toList();
            for (Path entry : entries) {
                Path copy = target.resolve(source.relativize(entry).toString());
                if (Files.isDirectory(entry)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(entry, copy, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            // Folders last and deepest first: copying into a folder touches its time.
            List<Path> folders = entries.stream().filter(Files::isDirectory)
                    .sorted(Comparator.comparing(Path::getNameCount).reversed()).toList();
            for (Path folder : folders) {
                Files.setLastModifiedTime(target.resolve(source.relativize(folder).toString()),
                        Files.getLastModifiedTime(folder));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
