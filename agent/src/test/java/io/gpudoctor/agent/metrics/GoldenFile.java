package io.gpudoctor.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An expected output kept under {@code src/test/resources}. Regenerate every golden file with
 * {@code mvn -o test -pl agent -am -Dtest='*Golden*' -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true},
 * then review the diff before committing it.
 */
final class GoldenFile {

    private static final Path DIR = Path.of("src/test/resources/io/gpudoctor/agent/metrics");

    private GoldenFile() {
    }

    static void assertMatches(String name, String actual) {
        Path file = DIR.resolve(name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(DIR);
                Files.writeString(file, actual);
            }
            assertThat(file).as("golden file %s (regenerate with -Dgolden.update=true)", file).exists();
            assertThat(actual).isEqualTo(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
