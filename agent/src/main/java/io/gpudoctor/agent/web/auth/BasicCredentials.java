package io.gpudoctor.agent.web.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A user name and password from an {@code Authorization: Basic} header (RFC 7617). Its
 * {@code toString} never shows the password.
 */
public record BasicCredentials(String user, String password) {

    private static final String SCHEME = "basic ";

    /** The credentials of a header; empty when it is not a well-formed Basic header. */
    public static Optional<BasicCredentials> parse(String header) {
        if (header.length() <= SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(header.substring(SCHEME.length()).strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded)).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(text.substring(0, colon), text.substring(colon + 1)));
    }

    /** The password's UTF-8 length, which bcrypt limits. */
    int passwordBytes() {
        return StandardCharsets.UTF_8.encode(CharBuffer.wrap(password)).remaining();
    }

    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + "]";
    }
}
