package io.gpudoctor.agent.web.config;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Optional;

/**
 * Pure decoding of a PEM private key as exporter-toolkit reads one: PKCS#8 ({@code PRIVATE KEY}:
 * RSA, EC or Ed25519), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}).
 * Encrypted keys are refused, as Go's {@code tls.X509KeyPair} refuses them.
 */
final class PrivateKeys {

    private static final byte[] VERSION_0 = {Der.INTEGER, 1, 0};

    private PrivateKeys() {
    }

    /**
     * The first private key in {@code pem}.
     *
     * @throws IllegalArgumentException saying why there is none (the message never quotes the key)
     */
    public static PrivateKey parse(String pem) {
        List<PemBlock> blocks = PemBlock.parse(pem);
        for (PemBlock block : blocks) {
            if (block.encrypted() || block.type().equals("ENCRYPTED PRIVATE KEY")) {
                throw new IllegalArgumentException("the private key is encrypted; give it unencrypted "
                        + "(openssl pkey -in KEY -out KEY.plain) and protect the file instead");
            }
            switch (block.type()) {
                case "PRIVATE KEY":
                    return pkcs8(block.der());
                case "RSA PRIVATE KEY":
                    return pkcs8(Der.encode(Der.SEQUENCE, VERSION_0,
                            Der.encode(Der.SEQUENCE, Der.encode(Der.OID, Der.RSA_OID), Der.encode(Der.NULL)),
                            Der.encode(Der.OCTET_STRING, block.der())));
                case "EC PRIVATE KEY":
                    return pkcs8(Der.encode(Der.SEQUENCE, VERSION_0,
                            Der.encode(Der.SEQUENCE, Der.encode(Der.OID, Der.EC_OID), curveOf(block.der())),
                            Der.encode(Der.OCTET_STRING, block.der())));
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("no PEM private key found (expected a PRIVATE KEY, RSA PRIVATE KEY "
                + "or EC PRIVATE KEY block)");
    }

    /** The curve OID, whole, of a SEC1 key: the {@code [0]} parameters openssl always writes. */
    private static byte[] curveOf(byte[] sec1) {
        Optional<byte[]> curve = Der.sequence(sec1).flatMap(elements -> elements.stream()
                .filter(e -> e.tag() == Der.CONTEXT_0).findFirst())
                .flatMap(parameters -> Der.elements(parameters.content()))
                .filter(inner -> inner.size() == 1 && inner.get(0).tag() == Der.OID)
                .map(inner -> Der.encode(Der.OID, inner.get(0).content()));
        return curve.orElseThrow(() -> new IllegalArgumentException(
                "the EC private key does not name its curve; convert it with openssl pkcs8 -topk8 -nocrypt"));
    }

    private static PrivateKey pkcs8(byte[] der) {
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException | NoSuchAlgorithmException e) {
                // Not this algorithm's key; the next one may read it.
            }
        }
        throw new IllegalArgumentException("the private key is not a readable RSA, EC or Ed25519 key");
    }
}
