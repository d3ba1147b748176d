package io.gpudoctor.agent.simulate;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Host roots that simulations extracted and never removed: a JVM killed with SIGKILL runs no
 * shutdown hook. Each root's name carries the pid of the JVM that made it
 * ({@code gpu-doctor-root-<pid>-<random>}); one whose JVM is gone, owned by this user and a real
 * folder (never a link), is removed when the next simulation starts.
 */
final class StaleHostRoots {

    static final String PREFIX = "gpu-doctor-root-";
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d{1,10})-\\d+");

    private StaleHostRoots() {
    }

    /** The prefix of a root this JVM makes: its own pid included. */
    static String prefixForThisProcess() {
        return PREFIX + ProcessHandle.current().pid() + "-";
    }

    /**
     * Removes the stale roots in {@code tmp}; returns those removed.
     *
     * @param alive whether a pid belongs to a running process
     */
    static List<Path> sweep(Path tmp, LongPredicate alive) {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            UserPrincipal me = tmp.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            for (Path entry : entries) {
                Matcher name = NAME.matcher(entry.getFileName().toString());
                if (name.matches() && !alive.test(Long.parseLong(name.group(1)))
                        && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                        && me.equals(Files.getOwner(entry, LinkOption.NOFOLLOW_LINKS))) {
                    NamedHostRoot.delete(entry);
                    removed.add(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Best effort, like the shutdown hook: a root that will not go is left to the OS's tmp cleaning.
        }
        return removed;
    }

    /** Whether {@code pid} belongs to a running process. */
    static boolean running(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
