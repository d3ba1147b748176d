package io.gpudoctor.agent.web;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the daemon listens, as {@code --web.listen-address} gives it: {@code HOST:PORT},
 * {@code :PORT} (every interface) or {@code [IPv6]:PORT}.
 *
 * @param host a host name or an IP literal (IPv6 without brackets); empty for every interface
 * @param port 0 asks the system for a free port (tests)
 */
public record ListenAddress(Optional<String> host, int port) {

    private static final String FORMS = "use HOST:PORT, :PORT or [IPv6]:PORT, e.g. 127.0.0.1:9842";
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    public ListenAddress {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
    }

    /**
     * Parses a listen address.
     *
     * @throws IllegalArgumentException with a one-line message saying what is wrong
     */
    public static ListenAddress parse(String text) {
        if (text.isEmpty()) {
            throw invalid(text, "it is empty");
        }
        if (text.length() > 300 || !text.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw invalid(text, "it holds spaces, control or non-ASCII characters, or is too long");
        }
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw invalid(text, "an IPv6 address in brackets must be followed by :PORT");
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
            if (!IPV6.matcher(host).matches() || host.indexOf(':') < 0) {
                throw invalid(text, "\"" + host + "\" is not an IPv6 address");
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw invalid(text, "it has no port");
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw invalid(text, "an IPv6 address needs brackets, e.g. [::1]:9842");
            }
            if (!host.isEmpty() && !HOST_NAME.matcher(host).matches()) {
                throw invalid(text, "\"" + host + "\" is not a host name or IP address");
            }
        }
        if (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535) {
            throw invalid(text, "\"" + port + "\" is not a port (0..65535)");
        }
        return new ListenAddress(host.isEmpty() ? Optional.empty() : Optional.of(host), Integer.parseInt(port));
    }

    /** As a person would write it back: {@code :9842}, {@code 127.0.0.1:9842}, {@code [::1]:9842}. */
    @Override
    public String toString() {
        String shown = host.map(h -> h.indexOf(':') >= 0 ? "[" + h + "]" : h).orElse("");
        return shown + ":" + port;
    }

    private static IllegalArgumentException invalid(String text, String why) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        return new IllegalArgumentException("invalid listen address \"" + shown.replaceAll("[^\\x21-\\x7e]", "?")
                + "\": " + why + "; " + FORMS);
    }
}
