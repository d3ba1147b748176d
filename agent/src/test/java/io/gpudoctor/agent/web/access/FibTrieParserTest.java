package io.gpudoctor.agent.web.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class FibTrieParserTest {

    /** A Docker container's namespace, as the kernel writes it (Main and Local tables both list it). */
    static final String CONTAINER = """
            Main:
              +-- 0.0.0.0/0 3 0 5
                 |-- 0.0.0.0
                    /0 universe UNICAST
                 +-- 127.0.0.0/8 2 0 2
                    +-- 127.0.0.0/31 1 0 0
                       |-- 127.0.0.0
                          /8 host LOCAL
                       |-- 127.0.0.1
                          /32 host LOCAL
                    |-- 127.255.255.255
                       /32 link BROADCAST
                 +-- 172.17.0.0/16 2 0 2
                    +-- 172.17.0.0/30 2 0 2
                       |-- 172.17.0.0
                          /16 link UNICAST
                       |-- 172.17.0.2
                          /32 host LOCAL
                    |-- 172.17.255.255
                       /32 link BROADCAST
            Local:
              +-- 0.0.0.0/0 3 0 5
                 +-- 172.17.0.0/16 2 0 2
                       |-- 172.17.0.2
                          /32 host LOCAL
            """;

    @Test
    void readsTheLocalHostEntriesButNotLoopbackOrBroadcast() throws Exception {
        assertThat(FibTrieParser.parse(CONTAINER)).containsExactly(InetAddress.getByName("172.17.0.2"));
    }

    @Test
    void emptyTruncatedAndMalformedInputGiveNoAddress() {
        assertThat(FibTrieParser.parse("")).isEmpty();
        assertThat(FibTrieParser.parse("Main:\n  |-- 10.0.0.5\n")).isEmpty();
        assertThat(FibTrieParser.parse("|-- 999.1.1.1\n   /32 host LOCAL\n")).isEmpty();
        assertThat(FibTrieParser.parse("|-- example.com\n   /32 host LOCAL\n")).isEmpty();
    }

    @Test
    void anEntryLinesScopeMustBeHostLocal() {
        assertThat(FibTrieParser.parse("|-- 10.0.0.5\n   /32 link BROADCAST\n")).isEmpty();
    }
}
