package io.gpudoctor.agent.container.facts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code .note.cuda.fwd_compatibility} section of a 64-bit ELF file. The section header
 * table sits at the end of a real libcuda (tens of MB), so the file is read as a few bounded ranges:
 * the ELF header, the section headers, their names, the note; never more than
 * {@link #MAX_TABLE} + {@link #MAX_NAMES} + {@link #MAX_NOTE} bytes beyond the header. Every offset
 * and count is checked against what was read, so garbage yields a reason, never an exception.
 * Pure: all input comes through the {@link FileRanges} given.
 */
final class ElfNoteParser {

    static final String SECTION = ".note.cuda.fwd_compatibility";

    /** A real libcuda has about forty sections; 4096 headers of 64 bytes is far beyond any. */
    static final int MAX_TABLE = 4096 * 64;
    static final int MAX_NAMES = 64 * 1024;
    static final int MAX_NOTE = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HEADER_SIZE = 64;
    private static final int SECTION_HEADER_SIZE = 64;

    private ElfNoteParser() {
    }

    /** The compatibility note in {@code elf} (the file's bytes, or only its first part), or why there is none. */
    public static Fact<ForwardCompatNote> fwdCompatibility(byte[] elf) {
        return fwdCompatibility(FileRanges.of(elf));
    }

    /** The compatibility note in the file {@code file} reads, or why there is none. */
    public static Fact<ForwardCompatNote> fwdCompatibility(FileRanges file) {
        Optional<byte[]> header = file.read(0, HEADER_SIZE);
        if (header.isEmpty()) {
            return Fact.unknown("unreadable");
        }
        byte[] elf = header.get();
        if (elf.length < HEADER_SIZE || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F') {
            return Fact.unknown("not an ELF file");
        }
        if (elf[4] != 2 || (elf[5] != 1 && elf[5] != 2)) {
            return Fact.unknown("not a 64-bit ELF file");
        }
        ByteOrder order = elf[5] == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        ByteBuffer buf = ByteBuffer.wrap(elf).order(order);
        long shoff = buf.getLong(0x28);
        int shentsize = Short.toUnsignedInt(buf.getShort(0x3A));
        int shnum = Short.toUnsignedInt(buf.getShort(0x3C));
        int shstrndx = Short.toUnsignedInt(buf.getShort(0x3E));
        if (shentsize < SECTION_HEADER_SIZE || shnum == 0 || shstrndx >= shnum) {
            return Fact.unknown("no usable section header table");
        }
        long tableSize = (long) shnum * shentsize;
        if (shoff < 0 || tableSize > MAX_TABLE) {
            return Fact.unknown("section header table at " + shoff + " of " + tableSize + " bytes is not plausible");
        }
        Optional<ByteBuffer> table = range(file, shoff, tableSize, order);
        if (table.isEmpty()) {
            return Fact.unknown("section headers lie beyond the end of the file");
        }
        ByteBuffer headers = table.get();
        int strtab = shstrndx * shentsize;
        long namesAt = headers.getLong(strtab + 24);
        long namesSize = headers.getLong(strtab + 32);
        if (namesAt < 0 || namesSize < 0 || namesSize > MAX_NAMES) {
            return Fact.unknown("section names are not plausible");
        }
        Optional<ByteBuffer> names = range(file, namesAt, namesSize, order);
        if (names.isEmpty()) {
            return Fact.unknown("section names lie beyond the end of the file");
        }
        for (int i = 0; i < shnum; i++) {
            int at = i * shentsize;
            long nameOffset = Integer.toUnsignedLong(headers.getInt(at));
            if (nameOffset < namesSize && SECTION.equals(cString(names.get().array(), (int) nameOffset))) {
                return note(file, headers.getLong(at + 24), headers.getLong(at + 32), order);
            }
        }
        return Fact.unknown("no " + SECTION + " section");
    }

    private static Fact<ForwardCompatNote> note(FileRanges file, long at, long size, ByteOrder order) {
        if (size < 12 || size > MAX_NOTE || at < 0) {
            return Fact.unknown(SECTION + " is not a plausible note (" + size + " bytes)");
        }
        Optional<ByteBuffer> read = range(file, at, size, order);
        if (read.isEmpty()) {
            return Fact.unknown(SECTION + " lies beyond the end of the file");
        }
        ByteBuffer buf = read.get();
        long nameSize = Integer.toUnsignedLong(buf.getInt(0));
        long descSize = Integer.toUnsignedLong(buf.getInt(4));
        long descAt = 12 + align4(nameSize);
        if (descAt + descSize > size) {
            return Fact.unknown(SECTION + " note is malformed");
        }
        byte[] desc = new byte[(int) descSize];
        buf.get((int) descAt, desc);
        return json(new String(desc, StandardCharsets.UTF_8).replace("\0", ""));
    }

    /** Exactly {@code size} bytes at {@code at}, or empty when the file is shorter or unreadable. */
    private static Optional<ByteBuffer> range(FileRanges file, long at, long size, ByteOrder order) {
        return file.read(at, (int) size).filter(bytes -> bytes.length == size)
                .map(bytes -> ByteBuffer.wrap(bytes).order(order));
    }

    private static Fact<ForwardCompatNote> json(String text) {
        try {
            JsonNode root = JSON.readTree(text);
            JsonNode version = root == null ? null : root.path("CUDA version");
            if (version == null || !version.isTextual()) {
                return Fact.unknown(SECTION + " has no \"CUDA version\"");
            }
            List<Integer> drivers = new ArrayList<>();
            for (JsonNode driver : root.path("driver")) {
                if (driver.canConvertToInt()) {
                    drivers.add(driver.asInt());
                }
            }
            return Fact.known(new ForwardCompatNote(version.asText(), drivers));
        } catch (IOException e) {
            return Fact.unknown(SECTION + " is not JSON");
        }
    }

    private static long align4(long value) {
        return (value + 3) & ~3L;
    }

    /** The NUL-terminated name at {@code from}; never longer than the one sought, so garbage costs nothing. */
    private static String cString(byte[] bytes, int from) {
        int end = from;
        while (end < bytes.length && end - from <= SECTION.length() && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, from, end - from, StandardCharsets.ISO_8859_1);
    }
}
