package io.gpudoctor.agent.web.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Pure parser of {@code /proc/<pid>/net/if_inet6}: the global-scope IPv6 addresses of a network
 * namespace. Link-local addresses are left out: they mean something only on one link, and two
 * namespaces may hold the same one.
 *
 * <pre>
 * fd000000000000000000000000000002 05 40 00 80     eth0
 * </pre>
 * (address, interface index, prefix length, scope, flags, interface name)
 */
final class IfInet6Parser {

    private static final String GLOBAL_SCOPE = "00";

    private IfInet6Parser() {
    }

    public static Set<InetAddress> parse(String content) {
        Set<InetAddress> addresses = new LinkedHashSet<>();
        for (String line : content.split("\n")) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length < 6 || fields[0].length() != 32 || !fields[3].equals(GLOBAL_SCOPE)) {
                continue;
            }
            try {
                InetAddress address = InetAddress.getByAddress(HexFormat.of().parseHex(fields[0]));
                if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                    addresses.add(address);
                }
            } catch (IllegalArgumentException | UnknownHostException e) {
                // A line that is not an address is skipped; the others still count.
            }
            if (addresses.size() >= FibTrieParser.MAX_ADDRESSES) {
                break;
            }
        }
        return Set.copyOf(addresses);
    }
}
