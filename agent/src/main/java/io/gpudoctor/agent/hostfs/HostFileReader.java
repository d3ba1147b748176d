package io.gpudoctor.agent.hostfs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import io.gpudoctor.locate.InRootResolver;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads host files under a {@link HostPaths} root, safely for a daemon: symlinks resolve inside
 * the root as on the host itself (under {@code --path.rootfs=/host}, {@code /var/run -> /run}
 * must lead to the host's {@code /run}, not this container's), regular files only (a FIFO or
 * device would block the reader), at most {@code cap} bytes (a runaway log or a hostile file
 * cannot exhaust memory), decoded as UTF-8 with malformed bytes replaced.
 */
public final class HostFileReader {

    /** Default cap: config files and /proc entries are far smaller. */
    public static final int DEFAULT_CAP = 1 << 20;

    /** {@link #readLines} cuts longer lines here: no line of a /proc table is longer. */
    public static final int MAX_LINE = 1 << 16;

    /** Directory listings stop here: a folder of a million files is not worth more. */
    public static final int MAX_LISTING = 4096;

    private final HostPaths paths;
    private final InRootResolver resolver;
    private final int cap;

    public HostFileReader(HostPaths paths) {
        this(paths, DEFAULT_CAP);
    }

    public HostFileReader(HostPaths paths, int cap) {
        this.paths = paths;
        this.resolver = new InRootResolver(paths.root());
        this.cap = cap;
    }

    public HostPaths paths() {
        return paths;
    }

    /** Reads the host file at {@code hostPath}, up to this reader's cap. Never throws. */
    public HostFile read(String hostPath) {
        return read(hostPath, cap);
    }

    /**
     * Reads the host file at {@code hostPath} with a cap of its own: larger for a database that grows
     * with the host (dpkg's status), smaller for a file read thousands of times per scan (a cgroup
     * file). Never throws.
     */
    public HostFile read(String hostPath, int cap) {
        return open(hostPath, in -> {
            byte[] bytes = in.readNBytes(cap + 1);
            if (bytes.length > cap) {
                return HostFile.failed(hostPath, HostFile.Status.TOO_LARGE, "larger than " + cap + " bytes");
            }
            return HostFile.ok(hostPath, new String(bytes, StandardCharsets.UTF_8));
        });
    }

    /**
     * Streams the host file's lines to {@code sink}, holding one line at a time: for files whose size
     * grows with the host ({@code /proc/<pid>/mountinfo} with thousands of mounts) and of which only a
     * few lines matter. Stops after {@code maxBytes}, returning {@link HostFile.Status#TOO_LARGE} with
     * the lines before it delivered; a line longer than {@link #MAX_LINE} is cut there. Never throws.
     *
     * @return the outcome, with empty text: the lines went to {@code sink}
     */
    public HostFile readLines(String hostPath, long maxBytes, Consumer<String> sink) {
        return open(hostPath, in -> {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        sink.accept(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else if (line.size() < MAX_LINE) {
                        line.write(buffer[i]);
                    }
                }
                total += n;
                if (total > maxBytes) {
                    return HostFile.failed(hostPath, HostFile.Status.TOO_LARGE, "larger than " + maxBytes + " bytes");
                }
            }
            if (line.size() > 0) {
                sink.accept(line.toString(StandardCharsets.UTF_8));
            }
            return HostFile.ok(hostPath, "");
        });
    }

    /** What a read does with the open file. */
    @FunctionalInterface
    private interface Reading {
        HostFile from(InputStream in) throws IOException;
    }

    /** Resolves the host path, refuses anything but a regular file, and turns every failure into its status. */
    private HostFile open(String hostPath, Reading reading) {
        InRootResolver.Resolution resolution = resolver.resolve(hostPath);
        if (resolution instanceof InRootResolver.Absent) {
            return HostFile.failed(hostPath, HostFile.Status.MISSING, "no such file");
        }
        if (resolution instanceof InRootResolver.Unresolvable u) {
            return HostFile.failed(hostPath, HostFile.Status.UNREADABLE, u.reason());
        }
        Path file = ((InRootResolver.Found) resolution).onDisk();
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return HostFile.failed(hostPath, HostFile.Status.NOT_A_FILE, "not a regular file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return reading.from(in);
        } catch (NoSuchFileException e) {
            return HostFile.failed(hostPath, HostFile.Status.MISSING, "no such file");
        } catch (AccessDeniedException e) {
            return HostFile.failed(hostPath, HostFile.Status.UNREADABLE, HostFile.PERMISSION_DENIED);
        } catch (IOException e) {
            return HostFile.failed(hostPath, HostFile.Status.UNREADABLE, describe(e));
        }
    }

    /** Whether anything (file, folder, device, link) exists at the host path. */
    public boolean exists(String hostPath) {
        return resolver.resolve(hostPath) instanceof InRootResolver.Found;
    }

    /** Where a host path really lies on this machine, its links resolved inside the root. */
    public Optional<Path> locate(String hostPath) {
        return resolver.resolve(hostPath) instanceof InRootResolver.Found found
                ? Optional.of(found.onDisk()) : Optional.empty();
    }

    /** The file's modification time, empty when it cannot be read. */
    public Optional<FileTime> modified(String hostPath) {
        try {
            Optional<Path> file = locate(hostPath);
            return file.isPresent() ? Optional.of(Files.getLastModifiedTime(file.get())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The names in a host folder, sorted, at most {@link #MAX_LISTING}; empty when the folder is
     * missing or unreadable.
     */
    public List<String> list(String hostFolder) {
        Optional<Path> located = locate(hostFolder);
        if (located.isEmpty() || !Files.isDirectory(located.get(), LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        Path folder = located.get();
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
