package io.gpudoctor.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gpu-doctor diagnose}: why a container cannot see the GPU. Not built yet. */
@Command(name = "diagnose", description = "Diagnose the host, or one container, and print findings with fixes"
        + " (not built yet).")
final class DiagnoseCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DriverMixin driver;

    @Option(names = "--container", paramLabel = "REF",
            description = "Container id or unique prefix, name, pid, or namespace/pod[/container].")
    private String container;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private OutputFormat format;

    @Override
    public Integer call() {
        return NotBuiltYet.answer(spec);
    }
}
