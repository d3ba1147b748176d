package io.gpudoctor.agent.host;

/** The host's name and running kernel, as {@code /proc/sys/kernel} says. */
public record HostIdentity(String hostname, String kernel) {
}
