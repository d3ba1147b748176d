package io.gpudoctor.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpudoctor.locate.LibraryLoadException;
import io.gpudoctor.testing.NativeFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JnaNvmlLoadTest {

    @Test
    void a_missing_file_cannot_be_loaded(@TempDir Path dir) {
        Path missing = dir.resolve("libnvidia-ml.so.1");

        assertThatThrownBy(() -> JnaNvml.load(missing))
                .isInstanceOfSatisfying(LibraryLoadException.class, e -> assertThat(e.path()).isEqualTo(missing))
                .hasMessageContaining("no such file");
    }

    @Test
    void a_file_that_is_not_a_shared_library_cannot_be_loaded(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("libnvidia-ml.so.1"), "not an ELF file\n");

        assertThatThrownBy(() -> JnaNvml.load(text)).isInstanceOf(LibraryLoadException.class);
    }

    @Test
    void a_shared_library_without_nvml_cannot_be_loaded_as_nvml() {
        Path libcuda = NativeFixtures.nvidiaRoot535().resolve("usr/lib/x86_64-linux-gnu/nvidia/current/libcuda.so.1");

        assertThatThrownBy(() -> JnaNvml.load(libcuda))
                .isInstanceOf(LibraryLoadException.class)
                .hasMessageContaining("nvmlInit_v2");
    }

    @Test
    void two_fakes_loaded_side_by_side_each_keep_their_own_state() {
        try (JnaNvml current = FakeNvml.current().reset().load(); JnaNvml old = FakeNvml.r470().reset().load()) {
            current.init();
            old.init();

            assertThat(current.driverVersion()).isEqualTo("535.161.07");
            assertThat(old.driverVersion()).isEqualTo("470.199.02");
        }
    }

    @Test
    void a_relative_path_loads_the_file_it_names() throws LibraryLoadException {
        Path relative = Path.of("").toAbsolutePath().relativize(FakeNvml.current().reset().library());

        try (JnaNvml nvml = JnaNvml.load(relative)) {
            assertThat(nvml.nvmlVersion()).isEqualTo("12.535.161.07");
        }
    }
}
