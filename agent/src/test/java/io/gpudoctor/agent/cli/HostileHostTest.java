package io.gpudoctor.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.hostfs.HostRootFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every host file the diagnosis reads (the dgx-h100 tree lists them all) replaced by hostile
 * content: the diagnosis still completes, and never exits 2 or prints a stack trace because of a
 * host file.
 */
class HostileHostTest {

    @TempDir
    Path root;

    static Stream<Function<String, byte[]>> hostileContents() {
        Random random = new Random(42);
        return Stream.of(
                path -> new byte[0],
                path -> {
                    byte[] bytes = new byte[4096];
                    random.nextBytes(bytes);
                    return bytes;
                },
                path -> "{\"[[[\u0000\u00ff\ufffd = ] : -\n".repeat(50).getBytes(StandardCharsets.UTF_8),
                path -> ("9".repeat(40) + " " + "-1 ".repeat(40) + "\n").repeat(200).getBytes(StandardCharsets.UTF_8),
                path -> new byte[2 << 20]);
    }

    private static List<String> hostFiles() throws IOException {
        try (InputStream in = HostileHostTest.class
                .getResourceAsStream("/io/gpudoctor/agent/scenarios/dgx-h100/root.index")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }

    @ParameterizedTest
    @MethodSource("hostileContents")
    void aHostOfHostileFilesIsDiagnosedWithoutAUsageErrorOrAStackTrace(Function<String, byte[]> content)
            throws IOException {
        for (String file : hostFiles()) {
            HostRootFiles.write(root, "/" + file, content.apply(file));
        }

        CliRun run = CliRun.of("diagnose", "--format", "json", "--path.rootfs", root.toString(),
                "--nvml.library", "none", "--cuda.library", "none");

        assertThat(run.exitCode()).isIn(0, 1);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("{").contains("\"schema\" : \"gpu-doctor/diagnosis/v1\"")
                .doesNotContain("CHECK_FAILED");
    }
}
