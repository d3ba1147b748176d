package io.gpudoctor.agent.web.access;

import io.gpudoctor.agent.container.ContainerIdentity;
import io.gpudoctor.agent.container.ContainerResolver;
import io.gpudoctor.agent.host.HostFileReader;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds which container owns an address by reading, under the host root, each container's
 * network namespace: its init process's {@code net/fib_trie} and {@code net/if_inet6}. Containers
 * in the host's own namespace ({@code ns/net} the same as pid 1's) are skipped: their addresses
 * are the host's, and cannot tell them apart. The answer is kept for a short while, since a scan
 * reads every process's cgroup; the index holds at most {@link #MAX_ADDRESSES} addresses.
 */
public final class NetnsContainerAddresses implements ContainerAddresses {

    /** More addresses than a node's containers hold; an index this large stops growing. */
    static final int MAX_ADDRESSES = 8192;

    private static final Pattern NETNS = Pattern.compile("net:\\[[0-9]{1,20}\\]");

    private final HostFileReader files;
    private final ContainerResolver resolver;
    private final Clock clock;
    private final Duration maxAge;
    private Index index = new Index(Map.of(), Instant.MIN);

    public NetnsContainerAddresses(HostFileReader files, Clock clock, Duration maxAge) {
        this.files = files;
        this.resolver = new ContainerResolver(files);
        this.clock = clock;
        this.maxAge = maxAge;
    }

    @Override
    public List<ContainerIdentity> containersAt(InetAddress address) {
        return current().owners().getOrDefault(address, List.of());
    }

    /** One scan at a time: callers arriving during a scan wait for its answer instead of starting their own. */
    private synchronized Index current() {
        Instant now = clock.instant();
        if (index.builtAt().equals(Instant.MIN) || !now.isBefore(index.builtAt().plus(maxAge))) {
            index = new Index(scan(), now);
        }
        return index;
    }

    private Map<InetAddress, List<ContainerIdentity>> scan() {
        Optional<String> hostNamespace = namespaceOf(1);
        if (hostNamespace.isEmpty()) {
            return Map.of();
        }
        Map<String, List<ContainerIdentity>> byNamespace = new LinkedHashMap<>();
        for (ContainerIdentity container : resolver.containers()) {
            namespaceOf(container.pid()).filter(ns -> !ns.equals(hostNamespace.get()))
                    .ifPresent(ns -> byNamespace.computeIfAbsent(ns, n -> new ArrayList<>()).add(container));
        }
        Map<InetAddress, String> namespaceOfAddress = new HashMap<>();
        Map<InetAddress, List<ContainerIdentity>> owners = new HashMap<>();
        for (Map.Entry<String, List<ContainerIdentity>> entry : byNamespace.entrySet()) {
            for (InetAddress address : addressesOf(entry.getValue().get(0).pid())) {
                String earlier = namespaceOfAddress.putIfAbsent(address, entry.getKey());
                if (earlier == null && owners.size() < MAX_ADDRESSES) {
                    owners.put(address, List.copyOf(entry.getValue()));
                } else if (earlier != null && !earlier.equals(entry.getKey())) {
                    // Two namespaces claim it: whoever sends from it cannot be told.
                    owners.put(address, List.of());
                }
            }
        }
        return Map.copyOf(owners);
    }

    private Set<InetAddress> addressesOf(long pid) {
        Set<InetAddress> addresses = new LinkedHashSet<>();
        files.read("/proc/" + pid + "/net/fib_trie").content().map(FibTrieParser::parse).ifPresent(addresses::addAll);
        files.read("/proc/" + pid + "/net/if_inet6").content().map(IfInet6Parser::parse).ifPresent(addresses::addAll);
        return addresses;
    }

    /** The {@code net:[inode]} a process's {@code ns/net} link names; empty when it cannot be read. */
    private Optional<String> namespaceOf(long pid) {
        try {
            String target = Files.readSymbolicLink(files.paths().resolve("/proc/" + pid + "/ns/net")).toString();
            return NETNS.matcher(target).matches() ? Optional.of(target) : Optional.empty();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    private record Index(Map<InetAddress, List<ContainerIdentity>> owners, Instant builtAt) {
    }
}
