package io.gpudoctor.agent.container;

import io.gpudoctor.agent.container.ContainerRefException.Kind;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Pure validation of a {@code --container REF}, done before anything is read: a REF comes from a
 * user or an HTTP query and becomes part of host paths and messages, so only the shapes real ids,
 * names and pids have are let through.
 */
final class ContainerRefParser {

    /** Longer than any {@code namespace/pod/container} (63 + 253 + 63 and two slashes). */
    static final int MAX_LENGTH = 400;

    /** The kernel's largest pid_max is 2^22, so a 12-digit REF is a hex prefix, not a pid. */
    static final long MAX_PID = 1L << 22;

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{1,64}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,7}");
    /** Docker's rule for names, which containerd, CRI-O and podman names also meet. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,252}");
    private static final String LABEL = "[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?";
    /** Kubernetes namespaces and container names: DNS-1123 labels. */
    private static final Pattern DNS_LABEL = Pattern.compile(LABEL);
    /** Kubernetes pod names: DNS-1123 subdomains. */
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*");

    private static final String FORMS = "a container id (64 hex characters or a unique prefix of at least 12), "
            + "a container name, a pid, or namespace/pod[/container]";

    private ContainerRefParser() {
    }

    static ContainerRef parse(String ref) throws ContainerRefException {
        if (ref.isEmpty()) {
            throw invalid("an empty REF names no container");
        }
        if (ref.length() > MAX_LENGTH) {
            throw invalid("a REF of " + ref.length() + " characters is longer than any container reference");
        }
        if (!ref.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw invalid("REF " + quote(ref) + " holds control, space or non-ASCII characters");
        }
        if (ref.contains("..")) {
            throw invalid("REF " + quote(ref) + " holds '..'");
        }
        if (ref.indexOf('/') >= 0) {
            return pod(ref);
        }
        if (DIGITS.matcher(ref).matches()) {
            long pid = Long.parseLong(ref);
            if (pid < 1 || pid > MAX_PID) {
                throw invalid("pid " + pid + " is outside 1.." + MAX_PID);
            }
            return new ContainerRef.Pid(pid);
        }
        if (HEX.matcher(ref).matches()) {
            return new ContainerRef.Hex(ref);
        }
        if (NAME.matcher(ref).matches()) {
            return new ContainerRef.Name(ref);
        }
        throw invalid("REF " + quote(ref) + " is not " + FORMS);
    }

    private static ContainerRef pod(String ref) throws ContainerRefException {
        String[] parts = ref.split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw invalid("REF " + quote(ref) + " has a '/' but is not namespace/pod[/container]");
        }
        if (!DNS_LABEL.matcher(parts[0]).matches()) {
            throw invalid("namespace " + quote(parts[0]) + " is not a Kubernetes namespace name (DNS-1123 label)");
        }
        if (parts[1].length() > 253 || !DNS_SUBDOMAIN.matcher(parts[1]).matches()) {
            throw invalid("pod " + quote(parts[1]) + " is not a Kubernetes pod name (DNS-1123 subdomain)");
        }
        if (parts.length == 3 && !DNS_LABEL.matcher(parts[2]).matches()) {
            throw invalid("container " + quote(parts[2]) + " is not a Kubernetes container name (DNS-1123 label)");
        }
        return new ContainerRef.Pod(parts[0], parts[1], parts.length == 3 ? Optional.of(parts[2]) : Optional.empty());
    }

    private static ContainerRefException invalid(String message) {
        return new ContainerRefException(Kind.INVALID, message + "; a REF is " + FORMS, List.of());
    }

    /** A REF as a message may show it: quoted, at most 40 characters, anything unprintable escaped. */
    static String quote(String ref) {
        return "\"" + printable(ref) + "\"";
    }

    /** Text from a user or a process, safe for a message: at most 40 characters, anything unprintable escaped. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        int shown = Math.min(text.length(), 40);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(text.length() > shown ? "…" : "").toString();
    }
}
