package io.gpudoctor.agent.container.facts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code .note.cuda.fwd_compatibility} section of a 64-bit ELF file from its bytes (the
 * whole file, or only its first part: a section lying beyond the bytes given is unknown, not an
 * error). Every offset and count is checked against the bytes, so garbage yields a reason, never an
 * exception. A pure function.
 */
public final class ElfNoteParser {

    static final String SECTION = ".note.cuda.fwd_compatibility";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HEADER_SIZE = 64;
    private static final int SECTION_HEADER_SIZE = 64;
    private static final int MAX_NOTE_JSON = 64 * 1024;

    private ElfNoteParser() {
    }

    /** The compatibility note in {@code elf}, or why there is none. */
    public static Fact<ForwardCompatNote> fwdCompatibility(byte[] elf) {
        if (elf.length < HEADER_SIZE || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F') {
            return Fact.unknown("not an ELF file");
        }
        if (elf[4] != 2 || (elf[5] != 1 && elf[5] != 2)) {
            return Fact.unknown("not a 64-bit ELF file");
        }
        ByteBuffer buf = ByteBuffer.wrap(elf).order(elf[5] == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        long shoff = buf.getLong(0x28);
        int shentsize = Short.toUnsignedInt(buf.getShort(0x3A));
        int shnum = Short.toUnsignedInt(buf.getShort(0x3C));
        int shstrndx = Short.toUnsignedInt(buf.getShort(0x3E));
        if (shentsize < SECTION_HEADER_SIZE || shnum == 0 || shstrndx >= shnum) {
            return Fact.unknown("no usable section header table");
        }
        if (shoff < 0 || shoff > elf.length || (long) shnum * shentsize > elf.length - shoff) {
            return Fact.unknown("section headers lie beyond the " + elf.length + " bytes read");
        }
        long strtab = shoff + (long) shstrndx * shentsize;
        long namesAt = buf.getLong((int) strtab + 24);
        long namesSize = buf.getLong((int) strtab + 32);
        if (!within(namesAt, namesSize, elf.length)) {
            return Fact.unknown("section names lie beyond the bytes read");
        }
        for (int i = 0; i < shnum; i++) {
            int header = (int) (shoff + (long) i * shentsize);
            long nameOffset = Integer.toUnsignedLong(buf.getInt(header));
            if (nameOffset < namesSize && SECTION.equals(cString(elf, (int) (namesAt + nameOffset), (int) (namesAt + namesSize)))) {
                long at = buf.getLong(header + 24);
                long size = buf.getLong(header + 32);
                return within(at, size, elf.length) ? note(buf, (int) at, (int) size)
                        : Fact.unknown(SECTION + " lies beyond the bytes read");
            }
        }
        return Fact.unknown("no " + SECTION + " section");
    }

    private static Fact<ForwardCompatNote> note(ByteBuffer buf, int at, int size) {
        if (size < 12) {
            return Fact.unknown(SECTION + " is too short for a note");
        }
        long nameSize = Integer.toUnsignedLong(buf.getInt(at));
        long descSize = Integer.toUnsignedLong(buf.getInt(at + 4));
        long descAt = at + 12 + align4(nameSize);
        if (descSize > MAX_NOTE_JSON || descAt + descSize > at + (long) size) {
            return Fact.unknown(SECTION + " note is malformed");
        }
        byte[] desc = new byte[(int) descSize];
        buf.get((int) descAt, desc);
        return json(new String(desc, StandardCharsets.UTF_8).replace("\0", ""));
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

    private static boolean within(long at, long size, int length) {
        return at >= 0 && size >= 0 && at <= length && size <= length - at;
    }

    private static long align4(long value) {
        return (value + 3) & ~3L;
    }

    private static String cString(byte[] bytes, int from, int limit) {
        int end = from;
        while (end < limit && end - from <= SECTION.length() && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, from, end - from, StandardCharsets.ISO_8859_1);
    }
}
