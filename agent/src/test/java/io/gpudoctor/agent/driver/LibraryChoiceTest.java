package io.gpudoctor.agent.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LibraryChoiceTest {

    @Test
    void noValueMeansSearchTheRoot() {
        assertThat(LibraryChoice.parse(null)).isEqualTo(LibraryChoice.SEARCH);
        assertThat(LibraryChoice.parse("  ")).isEqualTo(LibraryChoice.SEARCH);
    }

    @Test
    void noneMeansLoadNothing() {
        assertThat(LibraryChoice.parse("none").kind()).isEqualTo(LibraryChoice.Kind.NONE);
    }

    @Test
    void anythingElseIsAFileToLoad() {
        LibraryChoice choice = LibraryChoice.parse("/opt/nvidia/libnvidia-ml.so.1");

        assertThat(choice.kind()).isEqualTo(LibraryChoice.Kind.PATH);
        assertThat(choice.path()).contains(Path.of("/opt/nvidia/libnvidia-ml.so.1"));
        assertThat(choice).hasToString("/opt/nvidia/libnvidia-ml.so.1");
    }
}
