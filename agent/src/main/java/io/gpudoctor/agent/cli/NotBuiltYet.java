package io.gpudoctor.agent.cli;

import picocli.CommandLine.Model.CommandSpec;

/** The answer of a subcommand whose issue has not landed yet: a clear line and exit status 2. */
final class NotBuiltYet {

    private NotBuiltYet() {
    }

    static int answer(CommandSpec spec) {
        spec.commandLine().getErr().println("gpu-doctor " + spec.name() + ": not built yet in this version ("
                + BuildInfo.version() + "); try 'gpu-doctor gpus'.");
        return ExitCodes.ERROR;
    }
}
