package io.gpudoctor.locate;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds ld.so.cache files byte by byte, laid out as glibc 2.36's ldconfig writes them, so parser
 * and locator tests control every entry (32-bit ones, stale paths, old formats) that a real
 * ldconfig run would not produce here.
 */
final class LdSoCacheBytes {

    /** {@code cache_extension_magic} ({@code (uint32_t) -358342284}). */
    private static final int EXTENSION_MAGIC = 0xeaa42174;
    private static final int EXTENSION_TAG_GENERATOR = 1;
    private static final String GENERATOR = "ldconfig (gpu-doctor test) stable release version 2.36";

    private LdSoCacheBytes() {
    }

    /** A current-format cache, the only one glibc 2.32 and later write, with a generator extension after the strings. */
    static byte[] current(List<LdSoCacheEntry> entries) {
        int stringsStart = LdSoCacheParser.NEW_HEADER_SIZE + entries.size() * LdSoCacheParser.NEW_ENTRY_SIZE;
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        ByteBuffer table = le(entries.size() * LdSoCacheParser.NEW_ENTRY_SIZE);
        for (LdSoCacheEntry entry : entries) {
            table.putInt(entry.flags());
            table.putInt(stringsStart + append(strings, entry.soname()));
            table.putInt(stringsStart + append(strings, entry.path()));
            table.putInt(0);
            table.putLong(0);
        }
        int extensionStart = align(stringsStart + strings.size(), 4);
        int generatorStart = extensionStart + 8 + 16;
        ByteBuffer out = le(generatorStart + GENERATOR.length());
        out.put(ascii(LdSoCacheParser.NEW_MAGIC + LdSoCacheParser.NEW_VERSION));
        out.putInt(entries.size());
        out.putInt(strings.size());
        out.put((byte) 2);
        out.position(32);
        out.putInt(extensionStart);
        out.position(LdSoCacheParser.NEW_HEADER_SIZE);
        out.put(table.array());
        out.put(strings.toByteArray());
        out.position(extensionStart);
        out.putInt(EXTENSION_MAGIC).putInt(1);
        out.putInt(EXTENSION_TAG_GENERATOR).putInt(0).putInt(generatorStart).putInt(GENERATOR.length());
        out.put(ascii(GENERATOR));
        return out.array();
    }

    /** An old {@code ld.so-1.7.0} cache alone, as libc5-era and {@code ldconfig -c old} write it. */
    static byte[] old(List<LdSoCacheEntry> entries) {
        int stringsStart = LdSoCacheParser.OLD_HEADER_SIZE + entries.size() * LdSoCacheParser.OLD_ENTRY_SIZE;
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        ByteBuffer out = le(stringsStart);
        out.put(ascii(LdSoCacheParser.OLD_MAGIC));
        out.position(12);
        out.putInt(entries.size());
        for (LdSoCacheEntry entry : entries) {
            out.putInt(entry.flags());
            out.putInt(append(strings, entry.soname()));
            out.putInt(append(strings, entry.path()));
        }
        return concat(out.array(), strings.toByteArray());
    }

    /**
     * The compat layout glibc before 2.32 wrote by default: an old-format part whose strings are
     * hidden behind a current-format cache starting at the next 8-byte boundary.
     */
    static byte[] oldThenCurrent(List<LdSoCacheEntry> oldEntries, List<LdSoCacheEntry> currentEntries) {
        int oldEnd = LdSoCacheParser.OLD_HEADER_SIZE + oldEntries.size() * LdSoCacheParser.OLD_ENTRY_SIZE;
        int currentStart = align(oldEnd, 8);
        byte[] current = current(currentEntries);
        int oldStrings = currentStart + current.length;
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        ByteBuffer out = le(currentStart);
        out.put(ascii(LdSoCacheParser.OLD_MAGIC));
        out.position(12);
        out.putInt(oldEntries.size());
        for (LdSoCacheEntry entry : oldEntries) {
            out.putInt(entry.flags());
            out.putInt(oldStrings - oldEnd + append(strings, entry.soname()));
            out.putInt(oldStrings - oldEnd + append(strings, entry.path()));
        }
        return concat(out.array(), current, strings.toByteArray());
    }

    private static int append(ByteArrayOutputStream strings, String value) {
        int at = strings.size();
        strings.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        strings.write(0);
        return at;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static int align(int value, int to) {
        return (value + to - 1) / to * to;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
