package io.gpudoctor.agent.web.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.container.ContainerIdentity;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private static final ContainerIdentity NOTEBOOK = new ContainerIdentity("a".repeat(64), "docker",
            Optional.of("notebook"), Optional.empty(), Optional.empty(), Optional.empty(), 42, Optional.empty());

    private static final ContainerAddresses ADDRESSES = new ContainerAddresses() {
        @Override
        public List<ContainerIdentity> containersAt(InetAddress address) {
            return address.getHostAddress().equals("10.1.2.3") ? List.of(NOTEBOOK) : List.of();
        }

        @Override
        public boolean isHostAddress(InetAddress address) {
            return address.getHostAddress().equals("10.0.0.5");
        }
    };

    private static final AccessPolicy POLICY = new AccessPolicy(Optional.empty(), ADDRESSES, 9100);

    @Test
    void loopbackClientsGetEverythingOverIpv4AndIpv6() throws Exception {
        assertThat(POLICY.decide(Caller.at(InetAddress.getByName("127.0.0.1")))).isInstanceOf(Access.Everything.class);
        assertThat(POLICY.decide(Caller.at(InetAddress.getByName("::1")))).isInstanceOf(Access.Everything.class);
    }

    @Test
    void aContainersAddressGetsThatContainerOnly() throws Exception {
        assertThat(POLICY.decide(Caller.at(InetAddress.getByName("10.1.2.3"))))
                .isEqualTo(new Access.OwnContainers(List.of(NOTEBOOK)));
    }

    @Test
    void anyOtherAddressIsDenied() throws Exception {
        assertThat(POLICY.decide(Caller.at(InetAddress.getByName("10.1.2.4")))).isInstanceOf(Access.Denied.class);
    }

    @Test
    void theHostsOwnNonLoopbackAddressGetsEverything() throws Exception {
        assertThat(POLICY.decide(Caller.at(InetAddress.getByName("10.0.0.5")))).isInstanceOf(Access.Everything.class);
    }

    @Test
    void aDeniedCallerIsToldHowToAskFromTheHostOnThePortTheDaemonListensOn() throws Exception {
        assertThat(POLICY.decide(Caller.at(InetAddress.getByName("10.9.9.9"))))
                .isInstanceOfSatisfying(Access.Denied.class, denied -> assertThat(denied.reason())
                        .contains("10.9.9.9").contains("not an address of this host")
                        .contains("gpu-doctor diagnose --container NAME").contains("127.0.0.1:9100/")
                        .doesNotContain("9842"));
    }

    @Test
    void whenContainersCannotBeToldTheRefusalSaysWhy() throws Exception {
        AccessPolicy blind = new AccessPolicy(Optional.empty(), new ContainerAddresses() {
            @Override
            public List<ContainerIdentity> containersAt(InetAddress address) {
                return List.of();
            }

            @Override
            public Optional<String> blindness() {
                return Optional.of("/proc/1/ns/net cannot be read (Permission denied)");
            }
        }, 9842);

        assertThat(blind.decide(Caller.at(InetAddress.getByName("172.17.0.2"))))
                .isInstanceOfSatisfying(Access.Denied.class, denied -> assertThat(denied.reason())
                        .contains("172.17.0.2").contains("cannot tell")
                        .contains("/proc/1/ns/net cannot be read (Permission denied)")
                        .doesNotContain("only clients on this host or in a container on this node may ask"));
    }

    @Test
    void aVerifiedClientCertificateGetsEverything() throws Exception {
        assertThat(POLICY.decide(new Caller(InetAddress.getByName("10.9.9.9"), Optional.empty(), true)))
                .isInstanceOf(Access.Everything.class);
    }

    @Test
    void credentialsWithoutBasicAuthConfiguredChangeNothing() throws Exception {
        assertThat(POLICY.decide(new Caller(InetAddress.getByName("10.9.9.9"), Optional.of("Basic eDp5"), false)))
                .isInstanceOf(Access.Denied.class);
    }

    @Test
    void theCallerNeverShowsItsCredentials() throws Exception {
        assertThat(new Caller(InetAddress.getByName("10.9.9.9"), Optional.of("Basic c2VjcmV0"), false).toString())
                .doesNotContain("c2VjcmV0");
    }
}
