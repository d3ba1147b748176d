package io.gpudoctor.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gpu-doctor compat}: can this driver run this CUDA on this GPU? Not built yet. */
@Command(name = "compat", description = "Can driver VERSION run CUDA VERSION (on this GPU)? (not built yet)")
final class CompatCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--driver", required = true, paramLabel = "VERSION", description = "Driver version, e.g. 535.161.07.")
    private String driver;

    @Option(names = "--cuda", required = true, paramLabel = "VERSION", description = "CUDA version, e.g. 12.8.")
    private String cuda;

    @ArgGroup(exclusive = true)
    private Gpu gpu;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private OutputFormat format;

    /** The GPU, by model name or by compute capability. */
    static final class Gpu {
        @Option(names = "--gpu", paramLabel = "MODEL", description = "GPU model, e.g. H100.")
        String model;

        @Option(names = "--compute-capability", paramLabel = "X.Y", description = "Compute capability, e.g. 9.0.")
        String computeCapability;
    }

    @Override
    public Integer call() {
        return NotBuiltYet.answer(spec);
    }
}
