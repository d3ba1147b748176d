package io.gpudoctor.agent.web.page;

/**
 * Text made safe to put in HTML. Everything the page shows from the daemon's state is hostile:
 * container names, labels and finding text come from whoever runs a container, so every such
 * string goes through {@link #escape(String)} before it meets markup.
 */
final class Html {

    private Html() {
    }

    /**
     * {@code text} as inert HTML, usable in element content and in quoted attribute values alike.
     * Control characters other than tab and line breaks become U+FFFD, as a browser would show them.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\t', '\n', '\r' -> out.append(c);
                default -> out.append(Character.isISOControl(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
