package io.gpudoctor.agent.simulate;

import io.gpudoctor.agent.host.proc.ProcStat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Extracts a named scenario's {@code root/} from the classpath (a folder or the shaded jar alike)
 * into a private temporary folder, since the host probes read real files. The files listed in
 * {@link HostRootIndex} are copied once per JVM and name, and removed when the JVM exits.
 *
 * <p>Neither git nor a jar keeps modification times a check could rely on, so every copied file
 * and folder gets the same fixed time: an hour before the tree's own boot time ({@code btime} in
 * {@code proc/stat}). Time-based checks, such as daemon.json changed after dockerd started, then
 * judge the tree as its author meant and not by the day it was checked out.
 */
final class NamedHostRoot {

    static final int MAX_FILES = 4096;
    static final long MAX_BYTES = 32L << 20;

    /** Before the tree boots, so that no process in it started before its files were written. */
    static final Duration BEFORE_BOOT = Duration.ofHours(1);
    /** For a tree without {@code proc/stat}: no process start time to compare with, any fixed past will do. */
    static final Instant WITHOUT_BOOT_TIME = Instant.parse("2025-01-01T00:00:00Z");

    private static final Map<String, Path> EXTRACTED = new ConcurrentHashMap<>();

    private NamedHostRoot() {
    }

    /**
     * The extracted tree of the named scenario whose folder is the classpath resource {@code base}
     * ({@code /io/gpudoctor/agent/scenarios/dgx-h100/}); empty when it ships no {@link HostRootIndex}.
     *
     * @throws ScenarioException when an index entry is malformed or names no resource, the tree is
     *                           over the caps, or the copy fails
     */
    static Optional<Path> extract(String name, String base) throws ScenarioException {
        Path known = EXTRACTED.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> index = resource(base + HostRootIndex.FILE);
        if (index.isEmpty()) {
            return Optional.empty();
        }
        Path root = copy(base, HostRootIndex.parse("classpath:" + base + HostRootIndex.FILE, index.get(), MAX_FILES));
        Path raced = EXTRACTED.putIfAbsent(name, root);
        if (raced != null) {
            delete(root);
            return Optional.of(raced);
        }
        return Optional.of(root);
    }

    private static Path copy(String base, List<String> entries) throws ScenarioException {
        String source = "classpath:" + base + HostRootIndex.FILE;
        Path root;
        try {
            StaleHostRoots.sweep(Path.of(System.getProperty("java.io.tmpdir")), StaleHostRoots::running);
            root = Files.createTempDirectory(StaleHostRoots.prefixForThisProcess(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new ScenarioException(source, "cannot create a temporary folder for the host root: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root), "gpu-doctor-root-cleanup"));
        try {
            long bytes = 0;
            for (String entry : entries) {
                String resource = base + ScenarioLoader.HOST_ROOT + "/" + entry;
                try (InputStream in = ScenarioLoader.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new ScenarioException(source, "'" + entry + "' is listed but not in the jar");
                    }
                    // One byte past what is left tells an oversized tree without reading all of it.
                    byte[] content = in.readNBytes((int) (MAX_BYTES - bytes + 1));
                    bytes += content.length;
                    if (bytes > MAX_BYTES) {
                        throw new ScenarioException(source, "the tree is larger than " + MAX_BYTES + " bytes; refused");
                    }
                    Path target = root.resolve(entry);
                    Files.createDirectories(target.getParent());
                    Files.write(target, content);
                }
            }
            stamp(root);
        } catch (IOException | UncheckedIOException e) {
            delete(root);
            throw new ScenarioException(source, "cannot copy the host root: " + e.getMessage(), e);
        } catch (ScenarioException e) {
            delete(root);
            throw e;
        }
        return root;
    }

    /** Gives every file and folder the same time; folders last, since writing into one touches it. */
    private static void stamp(Path root) throws IOException {
        FileTime time = FileTime.from(modificationTime(root));
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.comparing(Path::getNameCount).reversed()).toList();
        }
        for (Path path : paths) {
            Files.setLastModifiedTime(path, time);
        }
    }

    private static Instant modificationTime(Path root) throws IOException {
        Path stat = root.resolve("proc/stat");
        OptionalLong boot = Files.isRegularFile(stat)
                ? ProcStat.bootTime(Files.readString(stat, StandardCharsets.UTF_8)) : OptionalLong.empty();
        return boot.isPresent() ? Instant.ofEpochSecond(boot.getAsLong()).minus(BEFORE_BOOT) : WITHOUT_BOOT_TIME;
    }

    private static Optional<String> resource(String path) throws ScenarioException {
        try (InputStream in = ScenarioLoader.class.getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ScenarioException("classpath:" + path, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Best effort: at exit, or after a failed copy, a file that will not go is left to the OS's tmp cleaning. */
    static void delete(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // left behind: see above
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // the folder is already gone or unreadable: nothing more to do
        }
    }
}
