package io.gpudoctor.agent.web.page;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * The frame every page shares: one self-contained document with its inline style and a policy that
 * lets it load nothing, so it works on an air-gapped node and cannot be made to fetch anything.
 */
final class PageShell {

    /** How times are shown. */
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final String POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    private PageShell() {
    }

    /** A document up to its open {@code <body>}, titled {@code title} (escaped here), reloading itself when asked. */
    static StringBuilder open(String title, OptionalInt refreshSeconds) {
        StringBuilder out = new StringBuilder(32_768)
                .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        refreshSeconds.ifPresent(s -> out.append("<meta http-equiv=\"refresh\" content=\"").append(s).append("\">\n"));
        return out.append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(POLICY).append("\">\n")
                .append("<link rel=\"icon\" href=\"data:,\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n")
                .append("<style>\n").append(PageStyle.CSS).append("</style>\n</head>\n<body>\n");
    }

    /** The document {@code out} holds, closed. */
    static String close(StringBuilder out) {
        return out.append("</body>\n</html>\n").toString();
    }
}
