package io.gpudoctor.agent.web.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IfInet6ParserTest {

    @Test
    void readsGlobalAddressesOnly() throws Exception {
        String content = """
                00000000000000000000000000000001 01 80 10 80       lo
                fd000000000000000000000000000002 05 40 00 00     eth0
                fe800000000000000042acfffe110002 05 40 20 80     eth0
                """;
        assertThat(IfInet6Parser.parse(content)).containsExactly(InetAddress.getByName("fd00::2"));
    }

    @Test
    void emptyTruncatedAndMalformedInputGiveNoAddress() {
        assertThat(IfInet6Parser.parse("")).isEmpty();
        assertThat(IfInet6Parser.parse("fd00000000000000000000000000000 05 40 00 00 eth0")).isEmpty();
        assertThat(IfInet6Parser.parse("zz000000000000000000000000000002 05 40 00 00 eth0")).isEmpty();
        assertThat(IfInet6Parser.parse("fd000000000000000000000000000002 05")).isEmpty();
    }
}
