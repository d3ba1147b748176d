package io.gpudoctor.agent.cli;

import io.gpudoctor.agent.container.HostView;
import io.gpudoctor.agent.container.attribution.ProcessOriginReader;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.gpus.GpuInventoryCollector;
import io.gpudoctor.agent.gpus.GpuInventoryText;
import io.gpudoctor.agent.gpus.GpuSummaryText;
import io.gpudoctor.agent.gpus.GpuWorkloads;
import io.gpudoctor.agent.json.Json;
import io.gpudoctor.agent.simulate.ScenarioException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gpu-doctor gpus}: what the driver says, libraries to processes, on one screen. */
@Command(name = "gpus", modelTransformer = SettingFlags.Driver.class,
        description = {"One line per GPU: name, UUID, memory, utilisation, temperature, power, processes. With"
                + " --details (-q): the NVIDIA libraries found, what NVML and the CUDA driver report, and every GPU"
                + " with its processes and the containers they run in.",
                "Exit status: 0 when NVML works, 1 when it does not (no driver, init failure), 2 on a usage error."})
final class GpusCommand implements Callable<Integer> {

    /** A driver call slower than this is treated as hung; generous, since a first call can be slow. */
    private static final Duration CALL_DEADLINE = Duration.ofSeconds(10);

    @Spec
    private CommandSpec spec;


    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private OutputFormat format;

    @Option(names = {"-q", "--details"},
            description = "Text output: every library candidate, every field of every GPU and each process with its"
                    + " container, as nvidia-smi -q does; without it, one line per GPU.")
    private boolean details;

    @Override
    public Integer call() throws ScenarioException {
        HostRoots host = HostRoots.of(SettingFlags.of(spec).driverOptions());
        HostView view = host.view();
        GpuInventory collected = new GpuInventoryCollector(CALL_DEADLINE, Clock.systemUTC())
                .collect(host.driver(), view.files());
        GpuInventory inventory = GpuWorkloads.attribute(collected,
                new ProcessOriginReader(view.containers()));
        spec.commandLine().getOut().print(format == OutputFormat.json
                ? Json.write(inventory) + "\n"
                : details ? GpuInventoryText.render(inventory) : GpuSummaryText.render(inventory));
        spec.commandLine().getOut().flush();
        return inventory.nvml().status().equals("NVML_SUCCESS") ? ExitCodes.OK : ExitCodes.PROBLEM;
    }
}
