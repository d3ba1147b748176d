package io.gpudoctor.saferoot;

import io.gpudoctor.libc.LibC;
import com.sun.jna.LastErrorException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves inside the root without openat2: one component at a time with
 * {@code openat(dir, name, O_PATH | O_NOFOLLOW)}, so the kernel never follows a link on its own. A
 * symlink is read from its own fd (no second lookup an attacker could race), an absolute target starts
 * again at the root, {@code ..} goes back to the folder opened before (at the root it stays there), and
 * more than {@value #MAX_LINKS} links is a loop. Folders are held open as fds while walking, so a folder
 * renamed meanwhile cannot send the walk elsewhere. Any symlink on a procfs is refused: procfs links
 * such as {@code root} or {@code fd/3} are magic and their text does not say where they lead. Names are
 * kept as ISO-8859-1 strings of the path's bytes, so a link target that is not UTF-8 is walked byte for byte.
 */
final class WalkResolver implements Resolver {

    static final int MAX_LINKS = 40;
    private static final int LINK_BUFFER = 4096;
    private static final byte[] EMPTY = {0};

    private final LibC libc;
    private final LinuxAbi abi;
    private final int rootFd;

    WalkResolver(LibC libc, LinuxAbi abi, int rootFd) {
        this.libc = libc;
        this.abi = abi;
        this.rootFd = rootFd;
    }

    @Override
    public int openPath(String path) throws Refusal {
        Sys.requireNoNul(path);
        Deque<String> todo = new ArrayDeque<>();
        pushFront(todo, new String(path.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        // Folders opened on the way, innermost first; empty means "at the root", whose fd is not ours.
        Deque<Integer> folders = new ArrayDeque<>();
        int links = 0;
        try {
            while (!todo.isEmpty()) {
                String name = todo.removeFirst();
                if (name.equals("..")) {
                    if (!folders.isEmpty()) {
                        Sys.close(libc, folders.pop());
                    }
                    continue;
                }
                int fd = openComponent(folders.isEmpty() ? rootFd : folders.peek(), name, path);
                FileType type;
                try {
                    type = FileType.of(libc, abi, fd);
                    if (type == FileType.SYMLINK) {
                        if (++links > MAX_LINKS) {
                            throw new Refusal(SafeStatus.LOOP, path + ": more than " + MAX_LINKS + " symlinks (a loop)");
                        }
                        if (FileType.onProcfs(libc, fd)) {
                            throw new Refusal(SafeStatus.ESCAPE_REFUSED,
                                    path + " goes through a /proc link (" + name + "), which could lead out of the container");
                        }
                        String target = readLink(fd, path);
                        if (target.startsWith("/")) {
                            folders.forEach(f -> Sys.close(libc, f));
                            folders.clear();
                        }
                        pushFront(todo, target);
                        Sys.close(libc, fd);
                        continue;
                    }
                } catch (Refusal refusal) {
                    Sys.close(libc, fd);
                    throw refusal;
                }
                if (todo.isEmpty()) {
                    return fd;
                }
                if (type != FileType.DIRECTORY) {
                    Sys.close(libc, fd);
                    throw Refusal.fromErrno(Errno.ENOTDIR, path);
                }
                folders.push(fd);
            }
            // The path named a folder already opened (or the root): hand out an fd of its own.
            return folders.isEmpty() ? openComponent(rootFd, ".", path) : folders.pop();
        } finally {
            folders.forEach(f -> Sys.close(libc, f));
        }
    }

    private int openComponent(int folder, String name, String path) throws Refusal {
        try {
            byte[] cName = (name + '\0').getBytes(StandardCharsets.ISO_8859_1);
            return libc.openat(folder, cName, LinuxAbi.O_PATH | abi.oNofollow() | LinuxAbi.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw Refusal.fromErrno(e.getErrorCode(), path);
        }
    }

    private String readLink(int linkFd, String path) throws Refusal {
        byte[] buffer = new byte[LINK_BUFFER];
        long n;
        try {
            // An empty name reads the link the O_PATH fd itself refers to (Linux 2.6.39+).
            n = libc.readlinkat(linkFd, EMPTY, buffer, buffer.length);
        } catch (LastErrorException e) {
            throw new Refusal(SafeStatus.UNREADABLE, "cannot read a symlink on the way to " + path + ": "
                    + Errno.name(e.getErrorCode()));
        }
        if (n >= buffer.length) {
            throw new Refusal(SafeStatus.UNREADABLE, "a symlink on the way to " + path + " is longer than PATH_MAX");
        }
        return new String(buffer, 0, (int) n, StandardCharsets.ISO_8859_1);
    }

    /** Puts the components of {@code path} in front of what is still to walk, in order. */
    private static void pushFront(Deque<String> todo, String path) {
        String[] names = path.split("/");
        for (int i = names.length - 1; i >= 0; i--) {
            if (!names[i].isEmpty() && !names[i].equals(".")) {
                todo.addFirst(names[i]);
            }
        }
    }
}
