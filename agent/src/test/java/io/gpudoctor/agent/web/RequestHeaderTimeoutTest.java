package io.gpudoctor.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;
import org.junit.jupiter.api.Test;

/** Which connections the header deadline may answer with a 408: Jetty's real parser, fed by hand. */
class RequestHeaderTimeoutTest {

    /** A handler that, like Jetty's connection, stops the parser once a header is whole. */
    private static final class StopAtHeader implements HttpParser.RequestHandler {
        @Override
        public void startRequest(String method, String uri, HttpVersion version) {
        }

        @Override
        public void parsedHeader(HttpField field) {
        }

        @Override
        public boolean headerComplete() {
            return true;
        }

        @Override
        public boolean content(ByteBuffer content) {
            return false;
        }

        @Override
        public boolean contentComplete() {
            return false;
        }

        @Override
        public boolean messageComplete() {
            return true;
        }

        @Override
        public void earlyEOF() {
        }
    }

    private static HttpParser fed(String bytes) {
        HttpParser parser = new HttpParser(new StopAtHeader(), 8192);
        parser.parseNext(ByteBuffer.wrap(bytes.getBytes(StandardCharsets.US_ASCII)));
        return parser;
    }

    @Test
    void aConnectionThatSentNothingYetHasNoHeaderUnderway() {
        assertThat(RequestHeaderTimeout.headerUnderway(fed(""))).isFalse();
    }

    @Test
    void aConnectionThatSentHalfAHeaderHasAHeaderUnderway() {
        assertThat(RequestHeaderTimeout.headerUnderway(fed("GET /metrics HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")))
                .isTrue();
    }

    @Test
    void aWholeHeaderNotYetHandedToItsHandlerIsNotUnderway() {
        // The deadline may fire between the parser finishing a header and the handler counting it:
        // that request arrived in time and must be answered, not told 408.
        assertThat(RequestHeaderTimeout.headerUnderway(fed("GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n")))
                .isFalse();
    }
}
