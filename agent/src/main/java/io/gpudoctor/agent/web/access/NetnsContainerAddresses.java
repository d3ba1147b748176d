package io.gpudoctor.agent.web.access;

import io.gpudoctor.agent.container.ContainerIdentity;
import io.gpudoctor.agent.container.ContainerResolver;
import io.gpudoctor.agent.hostfs.HostFileReader;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds which container owns an address by reading, under the host root, each container's
 * network namespace: its init process's {@code net/fib_trie} and {@code net/if_inet6}. Containers
 * in the host's own namespace are skipped: their addresses are the host's, and cannot tell them
 * apart. The host's namespace is pid 1's, or, where pid 1's cannot be read (pid 1 is not an
 * ordinary init, or is hidden), the daemon's own, which is the host's when it runs there; when
 * neither can be read no address is matched, and {@link #blindness()} and the log say why. The
 * answer is kept for a short while, since a scan reads every process's cgroup, and is built from the
 * resolver's latest scan when that is recent (the daemon's container watch makes one every
 * collection); the index holds at most {@link #MAX_ADDRESSES} addresses.
 */
public final class NetnsContainerAddresses implements ContainerAddresses {

    private static final Logger LOG = LoggerFactory.getLogger(NetnsContainerAddresses.class);

    /** More addresses than a node's containers hold; an index this large stops growing. */
    static final int MAX_ADDRESSES = 8192;

    private static final Pattern NETNS = Pattern.compile("net:\\[[0-9]{1,20}\\]");

    private final HostFileReader files;
    private final ContainerResolver resolver;
    private final Clock clock;
    private final Duration maxAge;
    private Index index = new Index(Map.of(), Set.of(), Optional.empty(), Instant.MIN);

    public NetnsContainerAddresses(ContainerResolver resolver, Clock clock, Duration maxAge) {
        this.files = resolver.files();
        this.resolver = resolver;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    @Override
    public List<ContainerIdentity> containersAt(InetAddress address) {
        return current().owners().getOrDefault(address, List.of());
    }

    @Override
    public boolean isHostAddress(InetAddress address) {
        return current().hostAddresses().contains(address);
    }

    @Override
    public Optional<String> blindness() {
        return current().blindness();
    }

    /** One scan at a time: callers arriving during a scan wait for its answer instead of starting their own. */
    private synchronized Index current() {
        Instant now = clock.instant();
        if (index.builtAt().equals(Instant.MIN) || !now.isBefore(index.builtAt().plus(maxAge))) {
            Index previous = index;
            index = scan();
            if (index.blindness().isPresent() && previous.blindness().isEmpty()) {
                LOG.warn("container clients cannot be told from others: {}; every one of them is refused",
                        index.blindness().get());
            }
        }
        return index;
    }

    /** Built from the latest scan of the host's processes when it is fresh enough: the container watch's, usually. */
    private Index scan() {
        ContainerResolver.Sweep sweep = resolver.running(maxAge);
        Instant now = sweep.at();
        List<String> unreadable = new ArrayList<>();
        String hostProcess = "1";
        Optional<String> hostNamespace = namespaceOf(hostProcess, unreadable);
        if (hostNamespace.isEmpty()) {
            hostProcess = "self";
            hostNamespace = namespaceOf(hostProcess, unreadable);
        }
        if (hostNamespace.isEmpty()) {
            return new Index(Map.of(), Set.of(), Optional.of("the host's network namespace cannot be read ("
                    + String.join("; ", unreadable) + ")"), now);
        }
        String host = hostNamespace.get();
        Map<String, List<ContainerIdentity>> byNamespace = new LinkedHashMap<>();
        for (ContainerIdentity container : sweep.containers().stream().map(resolver::identify).flatMap(Optional::stream)
                .toList()) {
            namespaceOf(Long.toString(container.pid()), new ArrayList<>()).filter(ns -> !ns.equals(host))
                    .ifPresent(ns -> byNamespace.computeIfAbsent(ns, n -> new ArrayList<>()).add(container));
        }
        Map<InetAddress, String> namespaceOfAddress = new HashMap<>();
        Map<InetAddress, List<ContainerIdentity>> owners = new HashMap<>();
        for (Map.Entry<String, List<ContainerIdentity>> entry : byNamespace.entrySet()) {
            for (InetAddress address : addressesOf(Long.toString(entry.getValue().get(0).pid()))) {
                String earlier = namespaceOfAddress.putIfAbsent(address, entry.getKey());
                if (earlier == null && owners.size() < MAX_ADDRESSES) {
                    owners.put(address, List.copyOf(entry.getValue()));
                } else if (earlier != null && !earlier.equals(entry.getKey())) {
                    // Two namespaces claim it: whoever sends from it cannot be told.
                    owners.put(address, List.of());
                }
            }
        }
        return new Index(Map.copyOf(owners), Set.copyOf(addressesOf(hostProcess)), Optional.empty(), now);
    }

    private Set<InetAddress> addressesOf(String pid) {
        Set<InetAddress> addresses = new LinkedHashSet<>();
        files.read("/proc/" + pid + "/net/fib_trie").content().map(FibTrieParser::parse).ifPresent(addresses::addAll);
        files.read("/proc/" + pid + "/net/if_inet6").content().map(IfInet6Parser::parse).ifPresent(addresses::addAll);
        return addresses;
    }

    /**
     * The {@code net:[inode]} a process's {@code ns/net} link names; empty when it cannot be read,
     * and then why is added to {@code unreadable}.
     */
    private Optional<String> namespaceOf(String pid, List<String> unreadable) {
        String link = "/proc/" + pid + "/ns/net";
        try {
            String target = Files.readSymbolicLink(files.paths().resolve(link)).toString();
            if (NETNS.matcher(target).matches()) {
                return Optional.of(target);
            }
            unreadable.add(link + " is not a network namespace");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            unreadable.add(link + ": " + why(e));
        }
        return Optional.empty();
    }

    private static String why(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getClass().getSimpleName();
    }

    /**
     * @param blindness why no address can be matched to a container, when none can
     */
    private record Index(Map<InetAddress, List<ContainerIdentity>> owners, Set<InetAddress> hostAddresses,
                         Optional<String> blindness, Instant builtAt) {
    }
}
