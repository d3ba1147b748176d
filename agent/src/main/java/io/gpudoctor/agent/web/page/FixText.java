package io.gpudoctor.agent.web.page;

/**
 * A finding's fix as HTML: the fixes are written with Markdown code spans (`sudo systemctl …`),
 * which become {@code <code>} elements that never wrap inside (a command broken mid-flag gets
 * copied wrong). Everything is escaped; an unpaired backtick is shown as it is.
 */
final class FixText {

    private FixText() {
    }

    static String html(String fix) {
        StringBuilder out = new StringBuilder(fix.length() + 32);
        int at = 0;
        while (at < fix.length()) {
            int open = fix.indexOf('`', at);
            int close = open < 0 ? -1 : fix.indexOf('`', open + 1);
            if (close < 0) {
                out.append(Html.escape(fix.substring(at)));
                break;
            }
            out.append(Html.escape(fix.substring(at, open))).append("<code>")
                    .append(Html.escape(fix.substring(open + 1, close))).append("</code>");
            at = close + 1;
        }
        return out.toString();
    }
}
