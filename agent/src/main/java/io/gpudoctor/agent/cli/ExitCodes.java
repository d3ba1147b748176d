package io.gpudoctor.agent.cli;

/** Exit statuses shared by every subcommand (docs/design.md). */
final class ExitCodes {
    static final int OK = 0;
    static final int PROBLEM = 1;
    static final int ERROR = 2;
    /**
     * Nothing is known to be wrong, but gpu-doctor could not look at what it was asked about
     * (a container, without root): never an all-clear.
     */
    static final int COULD_NOT_LOOK = 3;

    private ExitCodes() {
    }
}
