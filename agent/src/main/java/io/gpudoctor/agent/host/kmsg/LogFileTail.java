package io.gpudoctor.agent.host.kmsg;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The last lines of a saved kernel log ({@code --kmsg.path}), bounded: a log file grows for the
 * life of a node, and only its end says what the GPUs did lately.
 */
public final class LogFileTail {

    private LogFileTail() {
    }

    /** At most the last {@code maxBytes} of {@code path}, starting at a whole line. */
    public static String read(Path path, int maxBytes) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(path)) {
            long size = channel.size();
            long start = Math.max(0, size - maxBytes);
            channel.position(start);
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size, maxBytes));
            int n;
            do {
                n = channel.read(buffer);
            } while (n > 0 && buffer.hasRemaining());
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            if (start == 0) {
                return text;
            }
            // The first line was cut in the middle: drop it rather than misread it.
            int newline = text.indexOf('\n');
            return newline < 0 ? "" : text.substring(newline + 1);
        }
    }
}
