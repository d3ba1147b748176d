package io.gpudoctor.agent.web.access;

import io.gpudoctor.agent.container.ContainerResolver;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.gpudoctor.agent.container.ContainerIdentity;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A host tree with pid 1, a bridged container, and a container in the host's network namespace. */
class NetnsContainerAddressesTest {

    static final String BRIDGED = "1".repeat(64);
    static final String HOST_NETWORK = "2".repeat(64);
    static final String HOST_NS = "net:[4026531992]";

    @TempDir
    Path root;

    @BeforeEach
    void hostTree() throws Exception {
        process(1, "0::/init.scope\n", HOST_NS, "|-- 10.0.0.5\n   /32 host LOCAL\n");
        process(4242, "0::/system.slice/docker-" + BRIDGED + ".scope\n", "net:[4026532301]",
                FibTrieParserTest.CONTAINER);
        process(5151, "0::/system.slice/docker-" + HOST_NETWORK + ".scope\n", HOST_NS,
                "|-- 10.0.0.5\n   /32 host LOCAL\n");
    }

    private void process(long pid, String cgroup, String netns, String fibTrie) throws Exception {
        Path proc = root.resolve("proc/" + pid);
        Files.createDirectories(proc.resolve("ns"));
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("cgroup"), cgroup);
        Files.writeString(proc.resolve("stat"), pid + " (sh) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 100 0 0\n");
        Files.createSymbolicLink(proc.resolve("ns/net"), Path.of(netns));
        Files.writeString(proc.resolve("net/fib_trie"), fibTrie);
        Files.writeString(proc.resolve("net/if_inet6"), "");
    }

    private NetnsContainerAddresses addresses() {
        return new NetnsContainerAddresses(new ContainerResolver(new HostFileReader(HostPaths.of(root))),
                Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC), Duration.ofSeconds(5));
    }

    @Test
    void aBridgedContainersAddressNamesThatContainer() throws Exception {
        assertThat(addresses().containersAt(InetAddress.getByName("172.17.0.2")))
                .extracting(ContainerIdentity::id).containsExactly(BRIDGED);
    }

    @Test
    void aContainerInTheHostsNamespaceIsNeverNamed() throws Exception {
        assertThat(addresses().containersAt(InetAddress.getByName("10.0.0.5"))).isEmpty();
    }

    @Test
    void anAddressNoContainerHoldsNamesNone() throws Exception {
        assertThat(addresses().containersAt(InetAddress.getByName("172.17.0.3"))).isEmpty();
    }

    @Test
    void withoutTheHostsNamespaceNoContainerIsNamed() throws Exception {
        Files.delete(root.resolve("proc/1/ns/net"));
        assertThat(addresses().containersAt(InetAddress.getByName("172.17.0.2"))).isEmpty();
    }

    @Test
    void anAddressTwoNamespacesHoldNamesNone() throws Exception {
        process(6161, "0::/system.slice/docker-" + "3".repeat(64) + ".scope\n", "net:[4026532999]",
                FibTrieParserTest.CONTAINER);
        assertThat(addresses().containersAt(InetAddress.getByName("172.17.0.2"))).isEmpty();
    }

    @Test
    void eachPodsAddressNamesTheContainersOfThatPodOnly() throws Exception {
        String pod = "0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod"
                + "8d3f6a2e_91c4_4b7a_a5e0_1f2d3c4b5a69.slice/cri-containerd-";
        String trainer = "4".repeat(64);
        String sidecar = "5".repeat(64);
        String other = "6".repeat(64);
        process(7100, pod + trainer + ".scope\n", "net:[4026533100]", "|-- 10.244.1.7\n   /32 host LOCAL\n");
        process(7200, pod + sidecar + ".scope\n", "net:[4026533100]", "|-- 10.244.1.7\n   /32 host LOCAL\n");
        process(7300, pod.replace("8d3f6a2e", "9e4a7b3f") + other + ".scope\n", "net:[4026533200]",
                "|-- 10.244.1.8\n   /32 host LOCAL\n");

        assertThat(addresses().containersAt(InetAddress.getByName("10.244.1.7")))
                .extracting(ContainerIdentity::id).containsExactlyInAnyOrder(trainer, sidecar);
        assertThat(addresses().containersAt(InetAddress.getByName("10.244.1.8")))
                .extracting(ContainerIdentity::id).containsExactly(other);
        assertThat(addresses().containersAt(InetAddress.getByName("172.17.0.2")))
                .extracting(ContainerIdentity::id).containsExactly(BRIDGED);
    }

    @Test
    void withoutPid1sNamespaceTheDaemonsOwnTellsTheHostsNetwork() throws Exception {
        Files.delete(root.resolve("proc/1/ns/net"));
        process("self", HOST_NS, "|-- 10.0.0.5\n   /32 host LOCAL\n");

        assertThat(addresses().containersAt(InetAddress.getByName("172.17.0.2")))
                .extracting(ContainerIdentity::id).containsExactly(BRIDGED);
        assertThat(addresses().blindness()).isEmpty();
    }

    @Test
    void whenNoNamespaceOfTheHostCanBeReadItSaysWhy() throws Exception {
        Files.delete(root.resolve("proc/1/ns/net"));

        assertThat(addresses().blindness()).hasValueSatisfying(why -> assertThat(why)
                .contains("/proc/1/ns/net").contains("/proc/self/ns/net"));
    }

    @Test
    void whenNoNamespaceOfTheHostCanBeReadTheLogSaysSoOnce() throws Exception {
        Files.delete(root.resolve("proc/1/ns/net"));
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(NetnsContainerAddresses.class);
        logs.start();
        logger.addAppender(logs);
        try {
            // A zero age: every question scans again.
            NetnsContainerAddresses addresses = new NetnsContainerAddresses(new ContainerResolver(new HostFileReader(HostPaths.of(root))),
                    Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC), Duration.ZERO);
            addresses.containersAt(InetAddress.getByName("172.17.0.2"));
            addresses.containersAt(InetAddress.getByName("172.17.0.2"));

            assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                    .extracting(ILoggingEvent::getFormattedMessage).asString()
                    .contains("/proc/1/ns/net").contains("refused");
        } finally {
            logger.detachAppender(logs);
        }
    }

    @Test
    void theHostsOwnAddressesAreTheHosts() throws Exception {
        NetnsContainerAddresses addresses = addresses();

        assertThat(addresses.isHostAddress(InetAddress.getByName("10.0.0.5"))).isTrue();
        assertThat(addresses.isHostAddress(InetAddress.getByName("172.17.0.2"))).isFalse();
        assertThat(addresses.blindness()).isEmpty();
    }

    private void process(String pid, String netns, String fibTrie) throws Exception {
        Path proc = root.resolve("proc/" + pid);
        Files.createDirectories(proc.resolve("ns"));
        Files.createDirectories(proc.resolve("net"));
        Files.createSymbolicLink(proc.resolve("ns/net"), Path.of(netns));
        Files.writeString(proc.resolve("net/fib_trie"), fibTrie);
    }
}
