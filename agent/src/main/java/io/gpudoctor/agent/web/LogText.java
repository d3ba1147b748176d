package io.gpudoctor.agent.web;

/** Client-controlled text as it may appear in a log line: bounded, one line, printable. */
final class LogText {

    /** Characters of client text a log line keeps. */
    static final int MAX = 120;

    private LogText() {
    }

    /** {@code text} cut to {@link #MAX} characters with control characters replaced. */
    static String bounded(String text) {
        String cut = text.length() > MAX ? text.substring(0, MAX) + "…(" + text.length() + " chars)" : text;
        StringBuilder clean = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return clean.toString();
    }
}
