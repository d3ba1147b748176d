package io.gpudoctor.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gpu-doctor version}: the build and the runtime it runs on. */
@Command(name = "version", description = "Print the version of gpu-doctor and of the Java runtime.")
final class VersionCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().printf("gpu-doctor %s (Java %s, %s %s)%n", BuildInfo.version(),
                Runtime.version(), System.getProperty("os.name"), System.getProperty("os.arch"));
        return ExitCodes.OK;
    }
}
