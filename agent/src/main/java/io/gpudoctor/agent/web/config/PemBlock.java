package io.gpudoctor.agent.web.config;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code -----BEGIN TYPE----- ... -----END TYPE-----} block of a PEM text, decoded.
 *
 * @param encrypted whether the block has the legacy {@code Proc-Type: 4,ENCRYPTED} header
 */
public record PemBlock(String type, byte[] der, boolean encrypted) {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]{1,40})-----\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);

    /** Every well-formed block of {@code pem}, in order; text around them is ignored, as openssl does. */
    public static List<PemBlock> parse(String pem) {
        List<PemBlock> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String body = m.group(2);
            boolean encrypted = body.contains("ENCRYPTED");
            StringBuilder base64 = new StringBuilder();
            for (String line : body.split("\\r?\\n")) {
                if (!line.contains(":")) {
                    base64.append(line.strip());
                }
            }
            try {
                blocks.add(new PemBlock(m.group(1), Base64.getDecoder().decode(base64.toString()), encrypted));
            } catch (IllegalArgumentException e) {
                // A block whose body is not base64 is not a block; the caller says what is missing.
            }
        }
        return List.copyOf(blocks);
    }
}
