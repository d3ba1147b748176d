package io.gpudoctor.agent.web;

import java.util.Locale;

/** Reads an {@code Accept-Encoding} header (RFC 9110 §12.5.3) for what {@code /metrics} offers: gzip. */
final class AcceptEncoding {

    private AcceptEncoding() {
    }

    /** Whether the header accepts gzip: named (or {@code *}) with a weight above zero. */
    static boolean allowsGzip(String header) {
        if (header == null) {
            return false;
        }
        boolean anyOther = false;
        for (String part : header.split(",", 32)) {
            String[] fields = part.trim().toLowerCase(Locale.ROOT).split(";", 8);
            String coding = fields[0].trim();
            boolean accepted = !refused(fields);
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                return accepted;
            }
            if (coding.equals("*")) {
                anyOther = accepted;
            }
        }
        return anyOther;
    }

    /** Whether a coding's parameters hold {@code q=0}. */
    private static boolean refused(String[] fields) {
        for (int i = 1; i < fields.length; i++) {
            String parameter = fields[i].trim();
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2)) <= 0;
                } catch (NumberFormatException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
