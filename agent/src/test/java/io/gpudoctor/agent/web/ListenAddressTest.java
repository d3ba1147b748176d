package io.gpudoctor.agent.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListenAddressTest {

    @Test
    void aPortAloneMeansEveryInterface() {
        assertThat(ListenAddress.parse(":9842")).isEqualTo(new ListenAddress(Optional.empty(), 9842));
    }

    @Test
    void hostAndPort() {
        assertThat(ListenAddress.parse("127.0.0.1:9842")).isEqualTo(new ListenAddress(Optional.of("127.0.0.1"), 9842));
        assertThat(ListenAddress.parse("node-1.example:80")).isEqualTo(new ListenAddress(Optional.of("node-1.example"), 80));
    }

    @Test
    void anIpv6AddressInBrackets() {
        ListenAddress address = ListenAddress.parse("[::1]:9842");
        assertThat(address).isEqualTo(new ListenAddress(Optional.of("::1"), 9842));
        assertThat(address).hasToString("[::1]:9842");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "9842", "::1:9842", "[::1]9842", "[::1", "host:", "host:port", ":65536", "a b:1",
            "[host]:1", "-x:1", "host:-1"})
    void badAddressesAreRefusedWithTheFormsToUse(String text) {
        assertThatThrownBy(() -> ListenAddress.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid listen address").hasMessageContaining("HOST:PORT");
    }
}
