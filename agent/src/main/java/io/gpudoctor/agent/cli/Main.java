package io.gpudoctor.agent.cli;

import picocli.CommandLine;

/** Entry point of {@code gpu-doctor}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit status (0 fine, 1 problem found, 2 usage or internal error). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new GpuDoctorCommand());
        // Options are listed below the synopsis: a long synopsis only breaks flags at their dots.
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().usageMessage().abbreviateSynopsis(true));
        cli.setUsageHelpLongOptionsMaxWidth(44);
        cli.setUsageHelpAutoWidth(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("gpu-doctor " + commandLine.getCommandName() + ": " + oneLine(e));
            return ExitCodes.ERROR;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("gpu-doctor: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, c.getErr());
            c.getErr().println("Try 'gpu-doctor " + (c.getParent() == null ? "" : c.getCommandName() + " ") + "--help'.");
            return ExitCodes.ERROR;
        });
        return cli;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage();
        return (message == null || message.isBlank() ? e.getClass().getSimpleName() : message).replace('\n', ' ');
    }
}
