package io.gpudoctor.locate;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses glibc's {@code ld.so.cache} as glibc's {@code dl-cache.h} lays it out:
 * <ul>
 *   <li>the current format: a 48-byte {@code glibc-ld.so.cache1.1} header ({@code nlibs},
 *       {@code len_strings}, an endianness flag, {@code extension_offset}), then {@code nlibs}
 *       24-byte entries ({@code int32 flags, uint32 key, uint32 value, uint32 osversion,
 *       uint64 hwcap}) whose string offsets count from the start of that header, then the strings
 *       and an optional extension section (glibc-hwcaps names), which is not needed here;</li>
 *   <li>the old {@code ld.so-1.7.0} format: a 16-byte header, 12-byte entries
 *       ({@code int32 flags, uint32 key, uint32 value}) whose offsets count from the end of the
 *       entries. glibc before 2.32 wrote it followed, at the next 8-byte boundary, by a
 *       current-format cache, which is then used instead, as the loader does.</li>
 * </ul>
 * A pure function: every problem becomes an {@link LdSoCache.Status#INVALID} result with a one-line
 * reason, never an exception, and the work stays proportional to the input however large the
 * counts in it claim to be.
 */
public final class LdSoCacheParser {

    static final String OLD_MAGIC = "ld.so-1.7.0";
    static final String NEW_MAGIC = "glibc-ld.so.cache";
    static final String NEW_VERSION = "1.1";

    static final int OLD_HEADER_SIZE = 16;
    static final int OLD_ENTRY_SIZE = 12;
    static final int NEW_HEADER_SIZE = 48;
    static final int NEW_ENTRY_SIZE = 24;

    private static final int NEW_NLIBS_OFFSET = 20;
    private static final int NEW_FLAGS_OFFSET = 28;
    private static final int OLD_NLIBS_OFFSET = 12;

    /** {@code cache_file_new_flags_endian_*}: the loader refuses a cache marked for the other byte order. */
    private static final int ENDIAN_MASK = 0x3;
    private static final int ENDIAN_UNSET = 0;
    private static final int ENDIAN_LITTLE = 2;

    /** PATH_MAX: no soname or path the loader could use is longer. */
    static final int MAX_STRING = 4096;

    /**
     * Bytes the parser may scan for strings in all. A real cache scans each string once, far below
     * this; a hostile one whose entries all point into one long unterminated run would otherwise
     * cost entries × {@link #MAX_STRING}.
     */
    private static final long SCAN_BUDGET = 16L << 20;

    private LdSoCacheParser() {
    }

    /**
     * Parses the bytes of a cache file.
     *
     * @param file  the file the bytes came from, as the host sees it; only recorded in the result
     * @param bytes the whole file
     */
    public static LdSoCache parse(Path file, byte[] bytes) {
        try {
            return LdSoCache.ok(file, entries(bytes));
        } catch (Invalid e) {
            return LdSoCache.invalid(file, e.getMessage());
        }
    }

    private static List<LdSoCacheEntry> entries(byte[] bytes) throws Invalid {
        if (bytes.length == 0) {
            throw new Invalid("empty file");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (startsWith(bytes, 0, NEW_MAGIC)) {
            return newFormat(buffer, 0);
        }
        if (startsWith(bytes, 0, OLD_MAGIC)) {
            return oldFormat(buffer);
        }
        throw new Invalid("not an ld.so.cache: unknown magic " + printable(bytes, 0, NEW_MAGIC.length()));
    }

    private static List<LdSoCacheEntry> oldFormat(ByteBuffer buffer) throws Invalid {
        int size = buffer.capacity();
        if (size < OLD_HEADER_SIZE) {
            throw new Invalid("truncated: " + size + " bytes, shorter than the old-format header");
        }
        long count = unsigned(buffer.getInt(OLD_NLIBS_OFFSET));
        long room = (size - OLD_HEADER_SIZE) / OLD_ENTRY_SIZE;
        if (count > room) {
            throw new Invalid("truncated: old-format header counts " + count + " entries, the file holds at most " + room);
        }
        int stringsStart = OLD_HEADER_SIZE + (int) count * OLD_ENTRY_SIZE;
        int newStart = (stringsStart + 7) & ~7;
        if (newStart + NEW_HEADER_SIZE <= size && startsWith(buffer.array(), newStart, NEW_MAGIC)) {
            return newFormat(buffer, newStart);
        }
        Strings strings = new Strings(buffer.array(), stringsStart);
        List<LdSoCacheEntry> entries = new ArrayList<>((int) Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            int at = OLD_HEADER_SIZE + i * OLD_ENTRY_SIZE;
            entries.add(entry(buffer, at, strings, i));
        }
        return entries;
    }

    private static List<LdSoCacheEntry> newFormat(ByteBuffer buffer, int start) throws Invalid {
        int size = buffer.capacity() - start;
        if (size < NEW_HEADER_SIZE) {
            throw new Invalid("truncated: " + size + " bytes, shorter than the " + NEW_HEADER_SIZE + "-byte header");
        }
        if (!startsWith(buffer.array(), start + NEW_MAGIC.length(), NEW_VERSION)) {
            throw new Invalid("unsupported cache version "
                    + printable(buffer.array(), start + NEW_MAGIC.length(), NEW_VERSION.length()));
        }
        int endian = buffer.get(start + NEW_FLAGS_OFFSET) & ENDIAN_MASK;
        if (endian != ENDIAN_UNSET && endian != ENDIAN_LITTLE) {
            throw new Invalid("written for the other byte order (endianness flag " + endian + "); the loader ignores it");
        }
        long count = unsigned(buffer.getInt(start + NEW_NLIBS_OFFSET));
        long room = (size - NEW_HEADER_SIZE) / NEW_ENTRY_SIZE;
        if (count > room) {
            throw new Invalid("truncated: header counts " + count + " entries, the file holds at most " + room);
        }
        Strings strings = new Strings(buffer.array(), start);
        List<LdSoCacheEntry> entries = new ArrayList<>((int) Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            int at = start + NEW_HEADER_SIZE + i * NEW_ENTRY_SIZE;
            entries.add(entry(buffer, at, strings, i));
        }
        return entries;
    }

    /** Reads the {@code flags, key, value} prefix that both formats share. */
    private static LdSoCacheEntry entry(ByteBuffer buffer, int at, Strings strings, int index) throws Invalid {
        int flags = buffer.getInt(at);
        String soname = strings.at(unsigned(buffer.getInt(at + 4)), index, "soname");
        String path = strings.at(unsigned(buffer.getInt(at + 8)), index, "path");
        return new LdSoCacheEntry(soname, path, flags);
    }

    private static boolean startsWith(byte[] bytes, int at, String prefix) {
        if (at < 0 || at + prefix.length() > bytes.length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A few bytes for a message, with anything unprintable escaped so the reason stays one line. */
    private static String printable(byte[] bytes, int at, int length) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = at; i < Math.min(bytes.length, at + length); i++) {
            int b = bytes[i] & 0xff;
            out.append(b >= 0x20 && b < 0x7f && b != '"' && b != '\\' ? String.valueOf((char) b) : String.format("\\x%02x", b));
        }
        return out.append('"').toString();
    }

    private static long unsigned(int value) {
        return Integer.toUnsignedLong(value);
    }

    /** NUL-terminated strings at offsets from a base, each decoded once. */
    private static final class Strings {
        private final byte[] bytes;
        private final int base;
        private final Map<Long, String> decoded = new HashMap<>();
        private long scanned;

        Strings(byte[] bytes, int base) {
            this.bytes = bytes;
            this.base = base;
        }

        String at(long offset, int entry, String what) throws Invalid {
            String known = decoded.get(offset);
            if (known != null) {
                return known;
            }
            long start = base + offset;
            if (start >= bytes.length) {
                throw new Invalid("entry " + entry + ": " + what + " offset " + offset + " is outside the file");
            }
            int from = (int) start;
            int limit = (int) Math.min(bytes.length, start + MAX_STRING);
            int end = from;
            while (end < limit && bytes[end] != 0) {
                end++;
            }
            scanned += end - from + 1;
            if (scanned > SCAN_BUDGET) {
                throw new Invalid("entries point at more than " + (SCAN_BUDGET >> 20) + " MiB of strings");
            }
            if (end == limit) {
                throw new Invalid("entry " + entry + ": " + what + " at offset " + offset
                        + " is not NUL-terminated within " + Math.min(MAX_STRING, bytes.length - from) + " bytes");
            }
            String value = new String(bytes, from, end - from, StandardCharsets.UTF_8);
            decoded.put(offset, value);
            return value;
        }
    }

    /** Why the bytes are not a usable cache; caught in {@link #parse} and never leaves this class. */
    private static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }
}
