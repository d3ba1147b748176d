package io.gpudoctor.agent.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/design.md: only native-bindings touches JNA; the agent sees records and exceptions, never pointers. */
class ModuleBoundaryTest {

    private static final Path AGENT_SOURCES = Path.of("src/main/java");

    @Test
    void noAgentSourceImportsJna() throws IOException {
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(AGENT_SOURCES)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(ModuleBoundaryTest::mentionsJna)
                    .toList();
        }

        assertThat(Files.isDirectory(AGENT_SOURCES)).isTrue();
        assertThat(offenders).isEmpty();
    }

    private static boolean mentionsJna(Path file) {
        try {
            return Files.readString(file).contains("com.sun.jna");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
