package io.gpudoctor.agent.metrics;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A program outside the build that a test checks its output with ({@code promtool}, {@code chromium}).
 * Locally a missing one skips the test; with {@code -Dgpudoctor.tools.required=true} (the {@code ci}
 * profile) it fails it, so CI cannot pass by skipping. A run is bounded: past its timeout the
 * process is killed, so a stuck tool never hangs the build.
 */
public final class ExternalTool {

    private final Path executable;

    private ExternalTool(Path executable) {
        this.executable = executable;
    }

    /** The first of {@code names} found on the PATH; skips or fails the test when there is none. */
    public static ExternalTool require(String... names) {
        Optional<Path> found = Stream.of(names).map(ExternalTool::onPath).flatMap(Optional::stream).findFirst();
        if (found.isEmpty()) {
            String reason = String.join(" or ", names) + " is not installed (Debian: .ci/run installs it)";
            if (Boolean.getBoolean("gpudoctor.tools.required")) {
                fail("required tool missing: " + reason);
            }
            assumeTrue(false, reason);
        }
        return new ExternalTool(found.orElseThrow());
    }

    /**
     * Runs the tool with {@code arguments}, {@code stdin} as its input (or none), in {@code workDir}.
     *
     * @param environment added to the test's own environment
     */
    public Result run(List<String> arguments, Optional<Path> stdin, Path workDir, Map<String, String> environment,
                      Duration timeout) {
        try {
            Path out = Files.createTempFile(workDir, "tool-", ".out");
            Path err = Files.createTempFile(workDir, "tool-", ".err");
            ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(executable.toString()),
                    arguments.stream()).toList())
                    .directory(workDir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.redirectInput(stdin.map(Path::toFile).map(ProcessBuilder.Redirect::from)
                    .orElse(ProcessBuilder.Redirect.from(new File("/dev/null"))));
            builder.environment().putAll(environment);
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            return new Result(!finished, finished ? process.exitValue() : -1,
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + executable, e);
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** How a run ended and what it printed. */
    public record Result(boolean timedOut, int exitCode, String stdout, String stderr) {
    }
}
