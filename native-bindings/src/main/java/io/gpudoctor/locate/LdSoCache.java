package io.gpudoctor.locate;

import java.nio.file.Path;
import java.util.List;

/**
 * The dynamic loader's cache ({@code /etc/ld.so.cache}) as read from a host root: its entries in
 * file order (the order the loader tries them in), or why there are none.
 *
 * @param file    the cache as the host sees it, e.g. {@code /etc/ld.so.cache}
 * @param status  whether it was read and understood
 * @param problem one line saying what is wrong; empty when {@link Status#OK}
 * @param entries the entries in file order; empty unless {@link Status#OK}
 */
public record LdSoCache(Path file, Status status, String problem, List<LdSoCacheEntry> entries) {

    /** Whether the cache could be used. */
    public enum Status {
        OK,
        /** No such file: the loader then searches only its default directories. */
        MISSING,
        /** Present but unreadable, too large, or not a cache glibc would accept. */
        INVALID
    }

    public LdSoCache {
        entries = List.copyOf(entries);
    }

    public static LdSoCache ok(Path file, List<LdSoCacheEntry> entries) {
        return new LdSoCache(file, Status.OK, "", entries);
    }

    public static LdSoCache missing(Path file) {
        return new LdSoCache(file, Status.MISSING, "no such file", List.of());
    }

    public static LdSoCache invalid(Path file, String problem) {
        return new LdSoCache(file, Status.INVALID, problem, List.of());
    }
}
