package io.gpudoctor.locate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves host paths to real files the way the host's kernel would, but inside a root folder
 * (the host mounted at {@code --path.rootfs}): a symlink's absolute target starts again at the
 * root, {@code ..} stops at it, and more than {@value #MAX_LINKS} links is a loop (the kernel's
 * own limit). Without this, {@code /host/usr/lib/libcuda.so.1 -> /usr/lib/...} would lead to the
 * file of the machine gpu-doctor runs on rather than the host's.
 */
public final class InRootResolver {

    public static final int MAX_LINKS = 40;

    private final Path root;

    public InRootResolver(Path root) {
        this.root = root.toAbsolutePath();
    }

    /** The outcome of resolving one path. */
    public sealed interface Resolution permits Found, Absent, Unresolvable {
    }

    /** The path leads to an existing file or folder, {@code hostPath} with no link left in it. */
    public record Found(Path hostPath, Path onDisk, boolean regularFile) implements Resolution {
    }

    /** Nothing by that name, and no symlink was on the way. */
    public record Absent() implements Resolution {
    }

    /** A name exists but leads nowhere: a broken link, a loop, a folder that cannot be read. */
    public record Unresolvable(String reason) implements Resolution {
    }

    /** Where a host path lies on this machine, without resolving anything. */
    public Path onDisk(String hostPath) {
        return onDisk(components(hostPath));
    }

    /** Resolves a host path inside the root; never throws. */
    public Resolution resolve(String hostPath) {
        Deque<Name> todo = new ArrayDeque<>();
        components(hostPath).forEach(n -> todo.addLast(new Name(n, false)));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            Name next = todo.removeFirst();
            String name = next.name();
            if (name.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            done.add(name);
            Path file = onDisk(done);
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                // Missing where the path itself names it is plain absence, even past a linked folder
                // such as a merged-/usr host's /lib; missing where a link pointed is a broken link.
                return !next.fromLink() ? new Absent()
                        : new Unresolvable("broken symlink: " + hostPath + " leads to " + host(done) + ", which does not exist");
            } catch (IOException e) {
                return new Unresolvable("cannot read " + host(done) + ": " + describe(e));
            }
            if (attributes.isSymbolicLink()) {
                if (++links > MAX_LINKS) {
                    return new Unresolvable("symlink loop: more than " + MAX_LINKS + " links resolving " + hostPath);
                }
                String target;
                try {
                    target = Files.readSymbolicLink(file).toString();
                } catch (IOException e) {
                    return new Unresolvable("cannot read symlink " + host(done) + ": " + describe(e));
                }
                done.remove(done.size() - 1);
                if (target.startsWith("/")) {
                    done.clear();
                }
                List<String> targetNames = components(target);
                for (int i = targetNames.size() - 1; i >= 0; i--) {
                    todo.addFirst(new Name(targetNames.get(i), true));
                }
            } else if (!todo.isEmpty() && !attributes.isDirectory()) {
                return !next.fromLink() ? new Absent()
                        : new Unresolvable(hostPath + " leads through " + host(done) + ", which is not a folder");
            }
        }
        Path real = onDisk(done);
        return new Found(Path.of(host(done)), real, Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS));
    }

    /** One path component still to walk, and whether a symlink's target put it there. */
    private record Name(String name, boolean fromLink) {
    }

    private Path onDisk(List<String> names) {
        Path path = root;
        for (String name : names) {
            path = path.resolve(name);
        }
        return path;
    }

    private static List<String> components(String path) {
        List<String> names = new ArrayList<>();
        for (String name : path.split("/")) {
            if (!name.isEmpty() && !name.equals(".")) {
                names.add(name);
            }
        }
        return names;
    }

    private static String host(List<String> names) {
        return "/" + String.join("/", names);
    }

    static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
}
