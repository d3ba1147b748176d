package io.gpudoctor.agent.web.access;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any {@code /proc/<pid>/net/fib_trie} or {@code if_inet6}: at most {@link FibTrieParser#MAX_ADDRESSES}
 * addresses of the file's family, never an exception or a name lookup (a fuzz test fails on any
 * exception its target throws).
 */
@Tag("fuzz")
class AddressFileParsersFuzzTest {

    @FuzzTest
    void any_fib_trie_yields_ipv4_addresses(FuzzedDataProvider data) {
        assertThat(FibTrieParser.parse(text(data)))
                .hasSizeLessThanOrEqualTo(FibTrieParser.MAX_ADDRESSES)
                .allMatch(address -> address instanceof Inet4Address && !address.isLoopbackAddress());
    }

    @FuzzTest
    void any_if_inet6_yields_ipv6_addresses(FuzzedDataProvider data) {
        assertThat(IfInet6Parser.parse(text(data)))
                .hasSizeLessThanOrEqualTo(FibTrieParser.MAX_ADDRESSES)
                .allMatch(address -> address instanceof Inet6Address && !address.isLinkLocalAddress());
    }

    private static String text(FuzzedDataProvider data) {
        return new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
    }
}
