package io.gpudoctor.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code gpu-doctor} command: only subcommands do work. */
@Command(name = "gpu-doctor",
        mixinStandardHelpOptions = true,
        // Every subcommand answers --help (and --version) too.
        scope = ScopeType.INHERIT,
        versionProvider = BuildInfo.class,
        description = "GPU node doctor: NVIDIA GPU metrics and \"why can't my container see the GPU?\".",
        subcommands = {
                ServeCommand.class,
                DiagnoseCommand.class,
                GpusCommand.class,
                CompatCommand.class,
                VersionCommand.class,
                CommandLine.HelpCommand.class
        })
final class GpuDoctorCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
