package io.gpudoctor.agent.simulate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Copies a shipped scenario into a folder of the test's own, so that a test may change its host
 * files: the extracted tree of a named scenario is shared by every test in the JVM.
 */
public final class ScenarioCopies {

    private ScenarioCopies() {
    }

    /** Copies scenario {@code name} (its {@code scenario.yaml} and {@code root/}) into {@code folder}; the folder. */
    public static Path copy(String name, Path folder) {
        try {
            Path shippedRoot = ScenarioLoader.load(name).hostRoot().orElseThrow();
            copyTree(shippedRoot, folder.resolve(ScenarioLoader.HOST_ROOT));
            try (InputStream yaml = ScenarioCopies.class.getResourceAsStream(
                    "/io/gpudoctor/agent/scenarios/" + name + "/" + ScenarioLoader.SCENARIO_FILE)) {
                Files.copy(yaml, folder.resolve(ScenarioLoader.SCENARIO_FILE));
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ScenarioException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isSymbolicLink(source)) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(source));
                } else if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
