package io.gpudoctor.agent.web;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Request;

/**
 * The key of a client (its address) and a count per key, such as requests outstanding, whose
 * entries go away when they fall to zero, so that the map holds only addresses that hold something now.
 */
final class ClientAddresses {

    /** Stands for a peer without an IP address (a Unix socket, a test's fake connection). */
    private static final String NO_ADDRESS = "-";

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    /** The key of a connection's peer. */
    static String of(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return NO_ADDRESS;
    }

    /** The key of a request's client. */
    static String of(Request request) {
        return of(request.getConnectionMetaData().getRemoteSocketAddress());
    }

    /** Counts one more for {@code client}; atomic with {@link #decrement}, which may drop the entry. */
    void increment(String client) {
        counts.compute(client, (key, count) -> {
            AtomicInteger next = count == null ? new AtomicInteger() : count;
            next.incrementAndGet();
            return next;
        });
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
}
