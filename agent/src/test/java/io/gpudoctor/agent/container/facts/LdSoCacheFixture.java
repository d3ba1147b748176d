package io.gpudoctor.agent.container.facts;

import io.gpudoctor.locate.LdSoCacheEntry;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes a small current-format {@code ld.so.cache} ({@code glibc-ld.so.cache1.1}) for container fixtures. */
final class LdSoCacheFixture {

    private static final int HEADER = 48;
    private static final int ENTRY = 24;

    private LdSoCacheFixture() {
    }

    static byte[] of(List<LdSoCacheEntry> entries) {
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        int stringsStart = HEADER + ENTRY * entries.size();
        ByteBuffer table = ByteBuffer.allocate(ENTRY * entries.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (LdSoCacheEntry entry : entries) {
            int key = stringsStart + strings.size();
            strings.writeBytes((entry.soname() + "\0").getBytes(StandardCharsets.UTF_8));
            int value = stringsStart + strings.size();
            strings.writeBytes((entry.path() + "\0").getBytes(StandardCharsets.UTF_8));
            table.putInt(entry.flags()).putInt(key).putInt(value).putInt(0).putLong(0);
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        header.put("glibc-ld.so.cache1.1".getBytes(StandardCharsets.US_ASCII));
        header.putInt(entries.size()).putInt(strings.size()).put((byte) 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        out.writeBytes(table.array());
        out.writeBytes(strings.toByteArray());
        return out.toByteArray();
    }
}
