package io.gpudoctor.agent.container.facts;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes a minimal 64-bit little-endian ELF file holding one note section, as a forward-compat libcuda carries. */
public final class ElfFixture {

    private ElfFixture() {
    }

    public static byte[] withNote(String section, String json) {
        return withNote(section, json, 0);
    }

    /** The same, with {@code padding} zero bytes between the ELF header and the rest, as a real libcuda's code lies there. */
    public static byte[] withNote(String section, String json, int padding) {
        byte[] names = ("\0.shstrtab\0" + section + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] owner = "NVIDIA\0\0".getBytes(StandardCharsets.US_ASCII);
        byte[] desc = (json + "\0").getBytes(StandardCharsets.UTF_8);
        ByteBuffer note = ByteBuffer.allocate(12 + owner.length + ((desc.length + 3) & ~3)).order(ByteOrder.LITTLE_ENDIAN);
        note.putInt(7).putInt(desc.length).putInt(1).put(owner).put(desc);

        int namesAt = 64 + padding;
        int noteAt = namesAt + names.length;
        int shoff = noteAt + note.capacity();
        ByteBuffer elf = ByteBuffer.allocate(shoff + 3 * 64).order(ByteOrder.LITTLE_ENDIAN);
        elf.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        elf.putLong(0x28, shoff).putShort(0x3A, (short) 64).putShort(0x3C, (short) 3).putShort(0x3E, (short) 1);
        elf.put(namesAt, names).put(noteAt, note.array());
        sectionHeader(elf, shoff + 64, 1, 3, namesAt, names.length);
        sectionHeader(elf, shoff + 128, 11, 7, noteAt, note.capacity());
        return elf.array();
    }

    private static void sectionHeader(ByteBuffer elf, int at, int name, int type, long offset, long size) {
        elf.putInt(at, name).putInt(at + 4, type).putLong(at + 24, offset).putLong(at + 32, size);
    }
}
