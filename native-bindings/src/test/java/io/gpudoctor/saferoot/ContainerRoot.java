package io.gpudoctor.saferoot;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A container root under a temporary folder, and outside it a host file holding {@link #MARKER}: any
 * result containing the marker is an escape.
 */
final class ContainerRoot {

    static final String MARKER = "HOST-SECRET-5e1f0c7a";

    final Path root;
    final Path hostFile;

    ContainerRoot(Path dir) throws IOException {
        hostFile = Files.writeString(dir.resolve("host-secret.txt"), MARKER + "\n", StandardCharsets.UTF_8);
        root = Files.createDirectories(dir.resolve("var/lib/containers/c1/rootfs"));
    }

    Path file(String inside, String content) throws IOException {
        Path file = root.resolve(inside);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    Path link(String inside, String target) throws IOException {
        Path link = root.resolve(inside);
        Files.createDirectories(link.getParent());
        return Files.createSymbolicLink(link, Path.of(target));
    }

    Path fifo(String inside) throws IOException, InterruptedException {
        Path fifo = root.resolve(inside);
        Files.createDirectories(fifo.getParent());
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available: " + e.getMessage());
            return fifo;
        }
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        return fifo;
    }

    SafeRootReader reader(ResolveStrategy strategy) throws IOException {
        return reader(strategy, SafeRootReader.Limits.DEFAULT);
    }

    /** A reader with the strategy forced; the openat2 runs are skipped where the kernel lacks it. */
    static SafeRootReader reader(Path root, ResolveStrategy strategy, SafeRootReader.Limits limits) throws IOException {
        if (strategy == ResolveStrategy.OPENAT2) {
            try (SafeRootReader best = SafeRootReader.open(root)) {
                assumeTrue(best.strategy() == ResolveStrategy.OPENAT2, "openat2 is not available on this kernel");
            }
        }
        return SafeRootReader.open(root, limits, strategy, null);
    }

    SafeRootReader reader(ResolveStrategy strategy, SafeRootReader.Limits limits) throws IOException {
        return reader(root, strategy, limits);
    }
}
