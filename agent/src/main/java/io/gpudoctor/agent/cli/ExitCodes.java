package io.gpudoctor.agent.cli;

/** Exit statuses shared by every subcommand (docs/design.md). */
final class ExitCodes {
    static final int OK = 0;
    static final int PROBLEM = 1;
    static final int ERROR = 2;

    private ExitCodes() {
    }
}
