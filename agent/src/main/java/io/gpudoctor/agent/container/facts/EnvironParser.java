package io.gpudoctor.agent.container.facts;

import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Parses {@code /proc/<pid>/environ} (NUL-separated {@code NAME=value} entries) into a
 * {@link ContainerEnvironment}. Names are checked on the raw bytes, and only kept entries are ever
 * decoded, so no String of any other variable's value is built. A pure function.
 */
final class EnvironParser {

    private static final byte[][] KEPT_PREFIXES = {ascii("NVIDIA_"), ascii("CUDA_")};
    private static final byte[][] KEPT_NAMES = {ascii("LD_LIBRARY_PATH"), ascii("PATH")};
    private static final byte[] LD_PRELOAD = ascii("LD_PRELOAD");

    private EnvironParser() {
    }

    /** Parses the bytes of an environ file; empty or garbage input yields fewer or no variables. */
    public static ContainerEnvironment parse(byte[] environ) {
        SortedMap<String, String> kept = new TreeMap<>();
        boolean ldPreload = false;
        int start = 0;
        while (start < environ.length) {
            int end = indexOf(environ, (byte) 0, start, environ.length);
            int equals = indexOf(environ, (byte) '=', start, end);
            // execve lets a process pass an entry without '=': it names no variable.
            if (equals > start && equals < end) {
                if (nameIs(environ, start, equals, LD_PRELOAD)) {
                    ldPreload = true;
                } else if (isKept(environ, start, equals)) {
                    kept.put(decode(environ, start, equals), decode(environ, equals + 1, end));
                }
            }
            start = end + 1;
        }
        return new ContainerEnvironment(kept, ldPreload);
    }

    private static boolean isKept(byte[] bytes, int from, int nameEnd) {
        for (byte[] name : KEPT_NAMES) {
            if (nameIs(bytes, from, nameEnd, name)) {
                return true;
            }
        }
        for (byte[] prefix : KEPT_PREFIXES) {
            if (nameEnd - from > prefix.length && regionEquals(bytes, from, prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean nameIs(byte[] bytes, int from, int nameEnd, byte[] name) {
        return nameEnd - from == name.length && regionEquals(bytes, from, name);
    }

    private static boolean regionEquals(byte[] bytes, int from, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (bytes[from + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return to;
    }

    private static String decode(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
