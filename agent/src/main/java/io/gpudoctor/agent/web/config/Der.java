package io.gpudoctor.agent.web.config;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The little DER a PEM private key needs: enough to wrap a PKCS#1 (RSA) or SEC1 (EC) key in the
 * PKCS#8 envelope the JDK reads, without a cryptography library.
 */
final class Der {

    static final int SEQUENCE = 0x30;
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int CONTEXT_0 = 0xA0;

    /** rsaEncryption, 1.2.840.113549.1.1.1 */
    static final byte[] RSA_OID = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    /** id-ecPublicKey, 1.2.840.10045.2.1 */
    static final byte[] EC_OID = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private Der() {
    }

    /** One element: its tag and its content. */
    record Element(int tag, byte[] content) {
    }

    static byte[] encode(int tag, byte[]... contents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] content : contents) {
            body.writeBytes(content);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = body.size();
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((length >>> (8 * i)) & 0xff);
            }
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** The elements of a SEQUENCE's content; empty when the bytes are not well-formed DER. */
    static Optional<List<Element>> elements(byte[] content) {
        List<Element> elements = new ArrayList<>();
        int at = 0;
        while (at < content.length) {
            if (at + 2 > content.length) {
                return Optional.empty();
            }
            int tag = content[at++] & 0xff;
            int length = content[at++] & 0xff;
            if (length >= 0x80) {
                int bytes = length & 0x7f;
                if (bytes == 0 || bytes > 4 || at + bytes > content.length) {
                    return Optional.empty();
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (content[at++] & 0xff);
                }
            }
            if (length < 0 || at + length > content.length) {
                return Optional.empty();
            }
            byte[] value = new byte[length];
            System.arraycopy(content, at, value, 0, length);
            elements.add(new Element(tag, value));
            at += length;
        }
        return Optional.of(elements);
    }

    /** The one SEQUENCE {@code der} holds, as its elements. */
    static Optional<List<Element>> sequence(byte[] der) {
        return elements(der).filter(top -> top.size() == 1 && top.get(0).tag() == SEQUENCE)
                .flatMap(top -> elements(top.get(0).content()));
    }
}
