package io.gpudoctor.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.simulate.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NVML and libcuda that cannot be loaded: {@code --nvml.library} and {@code --cuda.library} naming
 * a missing file, an empty one, one that is no library at all, or an ELF header cut short; or a
 * search of a host root that holds no NVIDIA library. The daemon runs on the real loader here,
 * with a scenario's host tree as its root.
 */
class UnloadableNvmlTest {

    private static final Duration UNDER_FAULT = Duration.ofSeconds(5);

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"search", "missing", "empty", "garbage", "truncated-elf"})
    void theDaemonServesWithNvmlDownAndTheDiagnosisNamesTheFile(String kind) throws Exception {
        String library = kind.equals("search") ? "" : library(kind).toString();
        try (FaultyNode node = FaultyNode.host(root(), library, library).ready()) {
            Answer metrics = node.get("/metrics");
            Answer diagnosis = node.get("/diagnose");

            assertThat(node.get("/healthz").status()).isEqualTo(200);
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.sample("gpu_doctor_nvml_up ")).hasValue("0");
            assertThat(metrics.samples("nvidia_gpu_memory_used_bytes")).isZero();
            assertThat(diagnosis.status()).isEqualTo(200);
            assertThat(diagnosis.body()).contains("\"NVML_INIT_FAILED\"").contains(library)
                    .doesNotContain("\"CHECK_FAILED\"");
        }
    }

    @Test
    void aLibraryThatCannotBeLoadedLeavesEveryRouteAnsweringAndNothingBehind() throws Exception {
        Path library = library("garbage");
        try (FaultyNode node = FaultyNode.host(root(), library.toString(), library.toString()).ready();
             Scrapers scrapers = Scrapers.start(node, 3, ServingAssertions.ROUTES)) {
            Thread.sleep(UNDER_FAULT.dividedBy(5).toMillis());
            DaemonResources before = node.resources();
            Thread.sleep(UNDER_FAULT.toMillis());
            DaemonResources after = node.resources();
            scrapers.close();

            ServingAssertions.servedThroughout(scrapers.tally());
            ServingAssertions.leakedNothing(before, after);
            FaultFigures.of("--nvml.library and --cuda.library naming a file of random bytes, "
                    + UNDER_FAULT.toSeconds() + " s of scrapes", scrapers.tally(), before, after)
                    .write("unloadable-library");
        }
    }

    private Path root() throws Exception {
        return HostRootCopy.of(ScenarioLoader.load("dgx-h100"), folder.resolve("root"));
    }

    private Path library(String kind) throws IOException {
        Path file = folder.resolve("libnvidia-ml.so.1");
        switch (kind) {
            case "missing" -> {
                return file;
            }
            case "empty" -> Files.write(file, new byte[0]);
            case "garbage" -> Files.write(file, garbage());
            case "truncated-elf" -> Files.write(file, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
            default -> throw new IllegalArgumentException(kind);
        }
        return file;
    }

    /** Random-looking but fixed bytes, so that a failure can be run again on the same file. */
    private static byte[] garbage() {
        byte[] bytes = new byte[4096];
        new Random(8).nextBytes(bytes);
        return bytes;
    }
}
