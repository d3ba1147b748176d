package io.gpudoctor.agent.host.node;

/**
 * SELinux's mode on the host.
 *
 * @param observed the content of {@code /sys/fs/selinux/enforce}, or why there is none
 */
public record SelinuxFacts(Mode mode, String observed) {

    /** Enforcing blocks what policy forbids; permissive only logs it. */
    public enum Mode { ENFORCING, PERMISSIVE, DISABLED, UNKNOWN }
}
