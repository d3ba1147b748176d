package io.gpudoctor.agent.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads host files under a {@link HostPaths} root, safely for a daemon: regular files only (a
 * FIFO or device would block the reader), at most {@code cap} bytes (a runaway log or a hostile
 * file cannot exhaust memory), decoded as UTF-8 with malformed bytes replaced.
 */
public final class HostFileReader {

    /** Default cap: config files and /proc entries are far smaller. */
    public static final int DEFAULT_CAP = 1 << 20;

    /** Directory listings stop here: a folder of a million files is not worth more. */
    public static final int MAX_LISTING = 4096;

    private final HostPaths paths;
    private final int cap;

    public HostFileReader(HostPaths paths) {
        this(paths, DEFAULT_CAP);
    }

    public HostFileReader(HostPaths paths, int cap) {
        this.paths = paths;
        this.cap = cap;
    }

    public HostPaths paths() {
        return paths;
    }

    /** Reads the host file at {@code hostPath}. Never throws. */
    public HostFile read(String hostPath) {
        Path file = paths.resolve(hostPath);
        if (!Files.exists(file)) {
            return HostFile.failed(hostPath, HostFile.Status.MISSING, "no such file");
        }
        if (!Files.isRegularFile(file)) {
            return HostFile.failed(hostPath, HostFile.Status.NOT_A_FILE, "not a regular file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(cap + 1);
            if (bytes.length > cap) {
                return HostFile.failed(hostPath, HostFile.Status.TOO_LARGE, "larger than " + cap + " bytes");
            }
            return HostFile.ok(hostPath, new String(bytes, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return HostFile.failed(hostPath, HostFile.Status.MISSING, "no such file");
        } catch (AccessDeniedException e) {
            return HostFile.failed(hostPath, HostFile.Status.UNREADABLE, "permission denied");
        } catch (IOException e) {
            return HostFile.failed(hostPath, HostFile.Status.UNREADABLE, describe(e));
        }
    }

    /** Whether anything (file, folder, device, link) exists at the host path. */
    public boolean exists(String hostPath) {
        return Files.exists(paths.resolve(hostPath));
    }

    /** The file's modification time, empty when it cannot be read. */
    public Optional<FileTime> modified(String hostPath) {
        try {
            return Optional.of(Files.getLastModifiedTime(paths.resolve(hostPath)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The names in a host folder, sorted, at most {@link #MAX_LISTING}; empty when the folder is
     * missing or unreadable.
     */
    public List<String> list(String hostFolder) {
        Path folder = paths.resolve(hostFolder);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.limit(MAX_LISTING).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
