package io.gpudoctor.agent.web.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Pure parser of {@code /proc/<pid>/net/fib_trie}: the IPv4 addresses a network namespace holds,
 * which are its {@code /32 host LOCAL} entries. Loopback addresses are left out: the host never
 * sees a container's {@code 127.0.0.1} as a source address.
 *
 * <pre>
 *      +-- 172.17.0.0/16 2 0 2
 *         |-- 172.17.0.2
 *            /32 host LOCAL
 * </pre>
 */
final class FibTrieParser {

    /** A namespace with more addresses than this is no container's; the rest are not read. */
    static final int MAX_ADDRESSES = 256;

    private FibTrieParser() {
    }

    public static Set<InetAddress> parse(String content) {
        Set<InetAddress> addresses = new LinkedHashSet<>();
        Optional<InetAddress> leaf = Optional.empty();
        for (String raw : content.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("|-- ")) {
                leaf = ipv4(line.substring(4).strip());
            } else if (line.startsWith("/") && leaf.isPresent() && isLocalHostEntry(line)) {
                if (!leaf.get().isLoopbackAddress()) {
                    addresses.add(leaf.get());
                }
                if (addresses.size() >= MAX_ADDRESSES) {
                    break;
                }
            } else if (!line.startsWith("/")) {
                leaf = Optional.empty();
            }
        }
        return Set.copyOf(addresses);
    }

    private static boolean isLocalHostEntry(String line) {
        String[] fields = line.split("\\s+");
        return fields.length >= 3 && fields[0].equals("/32") && fields[1].equals("host")
                && fields[fields.length - 1].equals("LOCAL");
    }

    /** A dotted quad, parsed by hand: a name must never reach a resolver. */
    static Optional<InetAddress> ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            int value = Integer.parseInt(parts[i]);
            if (value > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) value;
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
