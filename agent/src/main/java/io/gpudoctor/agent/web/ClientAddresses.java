package io.gpudoctor.agent.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Request;

/**
 * A count per client address (connections, requests outstanding) whose entries go away when they
 * fall to zero, so that the map holds only addresses that hold something now.
 */
final class ClientAddresses {

    /** Stands for a peer without an IP address (a Unix socket, a test's fake connection). */
    private static final String NO_ADDRESS = "-";

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    /** The key of a connection's peer. */
    static String of(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            InetAddress ip = inet.getAddress();
            return ip.getHostAddress();
        }
        return NO_ADDRESS;
    }

    /** The key of a request's client. */
    static String of(Request request) {
        return of(request.getConnectionMetaData().getRemoteSocketAddress());
    }

    /** Counts one more for {@code client}; returns its count with this one. */
    int increment(String client) {
        return counts.compute(client, (key, count) -> {
            AtomicInteger next = count == null ? new AtomicInteger() : count;
            next.incrementAndGet();
            return next;
        }).get();
    }

    /** Counts one less for {@code client}, forgetting it at zero. */
    void decrement(String client) {
        counts.computeIfPresent(client, (key, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    /** The count of {@code client} now. */
    int count(String client) {
        AtomicInteger count = counts.get(client);
        return count == null ? 0 : count.get();
    }

    /** The addresses that hold something now. */
    int clients() {
        return counts.size();
    }
}
