package io.gpudoctor.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The native fixtures that {@code src/test/native/build-test-fixtures.sh} builds: NVIDIA's real
 * 535 and 470 userspace libraries unpacked into roots, and the fake driver libraries compiled
 * against NVIDIA's nvml.h. A test that needs one calls the accessor, which skips the test with the
 * one-line reason when the fixture could not be built here (no apt, no gcc, no network), or fails
 * it when {@code -Dgpudoctor.fixtures.required=true} (as in CI).
 */
public final class NativeFixtures {

    private NativeFixtures() {
    }

    /** A root holding {@code usr/lib/x86_64-linux-gnu/nvidia/current/libnvidia-ml.so.535.*} and libcuda. */
    public static Path nvidiaRoot535() {
        return nvidia("root-535");
    }

    /** A root holding {@code usr/lib/x86_64-linux-gnu/nvidia/tesla-470/libnvidia-ml.so.470.*} and libcuda. */
    public static Path nvidiaRoot470() {
        return nvidia("root-470");
    }

    /** The fake {@code libnvidia-ml.so.1} built from {@code fake_nvml.c}. */
    public static Path fakeNvml() {
        return nativeFile("fake-nvml/libnvidia-ml.so.1");
    }

    /** The fake {@code libcuda.so.1} built from {@code fake_cuda.c}. */
    public static Path fakeCuda() {
        return nativeFile("fake-cuda/libcuda.so.1");
    }

    /** The compiled fixture at this path below {@code target/native}. */
    public static Path nativeFile(String relative) {
        Path base = dir().resolve("native");
        requireAvailable(base);
        Path file = base.resolve(relative);
        if (!Files.isRegularFile(file)) {
            unavailable("native fixture " + file + " was not built");
        }
        return file;
    }

    private static Path nvidia(String root) {
        Path base = dir().resolve("nvidia");
        requireAvailable(base);
        Path path = base.resolve(root);
        if (!Files.isRegularFile(path.resolve(".complete"))) {
            unavailable("NVIDIA packages were not unpacked into " + path);
        }
        return path;
    }

    private static Path dir() {
        return Path.of(System.getProperty("gpudoctor.fixtures.dir", "target")).toAbsolutePath().normalize();
    }

    private static void requireAvailable(Path base) {
        Path marker = base.resolve("UNAVAILABLE");
        if (Files.exists(marker)) {
            try {
                unavailable(Files.readString(marker).strip());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void unavailable(String reason) {
        if (Boolean.getBoolean("gpudoctor.fixtures.required")) {
            fail("native fixture required but unavailable: " + reason);
        }
        assumeTrue(false, reason);
    }
}
