package io.gpudoctor.agent.cli;

import io.gpudoctor.agent.compat.CompatReport;
import io.gpudoctor.agent.compat.CompatReportText;
import io.gpudoctor.agent.compat.CudaCompatibility;
import io.gpudoctor.agent.compat.DriverVersion;
import io.gpudoctor.agent.compat.GpuModel;
import io.gpudoctor.agent.diagnosis.Severity;
import io.gpudoctor.agent.compat.ToolkitVersion;
import io.gpudoctor.agent.host.driver.RunningDriver;
import io.gpudoctor.agent.json.Json;
import io.gpudoctor.agent.simulate.ScenarioException;
import io.gpudoctor.nvml.ComputeCapability;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gpu-doctor compat}: can this driver run this CUDA on this GPU? Answered from the same
 * rules {@code diagnose} uses ({@link CudaCompatibility}), with the NVIDIA source of each number.
 */
@Command(name = "compat", modelTransformer = SettingFlags.Driver.class,
        description = {
                "Can driver VERSION run CUDA VERSION (on this GPU)? Applies NVIDIA's rules in order: the toolkit's "
                        + "minimum driver, minor version compatibility, forward compatibility (cuda-compat, data-center "
                        + "GPUs only), then the GPU architecture checks; names the finding code, the fix and the "
                        + "NVIDIA source of each number.",
                "CUDA VERSION: 12.8, 12.8.1 or '12.8 Update 1'; a bare X.Y means its GA release. A 13.x minor "
                        + "newer than the table (13.4, 13.5) is answered by CUDA 13's minor version compatibility; "
                        + "there the third digit is NVIDIA's build number (13.4.1 is the 13.4 GA).",
                "Without --driver, this node's running driver: NVML's version, else the loaded kernel module's, else "
                        + "the libraries' file names (the driver options say where to read them).",
                "Exit status: 0 compatible (severity info), 1 a warn or error answer, 2 bad input (version string, "
                        + "unknown CUDA release or GPU model)."
        })
final class CompatCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--driver", paramLabel = "VERSION",
            description = "Driver version, e.g. 535.161.07 (default: this node's running driver).")
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
    public Integer call() throws ScenarioException {
        PrintWriter err = spec.commandLine().getErr();
        Optional<RunningDriver> running = Optional.empty();
        if (driver == null) {
            running = NodeDriver.read(SettingFlags.of(spec).driverOptions());
            if (running.isEmpty()) {
                err.println("gpu-doctor compat: no --driver given, and this node's driver version could not be read"
                        + " (NVML did not answer, no nvidia kernel module is loaded, no driver library was found)");
                return ExitCodes.ERROR;
            }
        }
        CudaCompatibility compatibility = CudaCompatibility.shipped();
        CompatReport report;
        try {
            report = compatibility.check(DriverVersion.parse(running.map(RunningDriver::version).orElse(driver)),
                    ToolkitVersion.parse(cuda), gpu(compatibility));
        } catch (IllegalArgumentException e) {
            err.println("gpu-doctor compat: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        PrintWriter out = spec.commandLine().getOut();
        Optional<String> asked = running.map(r -> "This node runs driver " + r.described() + ".");
        if (format == OutputFormat.json) {
            // The JSON document stays the report alone; where its driver came from goes to stderr.
            asked.ifPresent(err::println);
            out.println(Json.write(report.document()));
        } else {
            asked.ifPresent(line -> out.println(line + "\n"));
            out.print(CompatReportText.render(report));
        }
        out.flush();
        return report.severity() == Severity.INFO ? ExitCodes.OK : ExitCodes.PROBLEM;
    }

    private Optional<GpuModel> gpu(CudaCompatibility compatibility) {
        if (gpu == null) {
            return Optional.empty();
        }
        if (gpu.computeCapability != null) {
            return Optional.of(GpuModel.ofComputeCapability(ComputeCapability.parse(gpu.computeCapability)));
        }
        return Optional.of(compatibility.gpuModel(gpu.model).orElseThrow(() -> new IllegalArgumentException(
                "unknown GPU model '" + gpu.model + "' (known: " + compatibility.table().gpuModels().examples()
                        + ", ...); give --compute-capability X.Y instead")));
    }
}
