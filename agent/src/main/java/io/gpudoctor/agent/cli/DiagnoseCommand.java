package io.gpudoctor.agent.cli;

import io.gpudoctor.agent.container.HostView;
import io.gpudoctor.agent.container.ContainerRefException;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.diagnosis.DiagnosisText;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.doctor.HostDiagnosis;
import io.gpudoctor.agent.json.Json;
import io.gpudoctor.agent.settings.ServeSettings;
import io.gpudoctor.agent.simulate.ScenarioException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gpu-doctor diagnose}: findings about the host and, with {@code --container}, one container, each with its fix. */
@Command(name = "diagnose", modelTransformer = SettingFlags.Diagnose.class,
        description = {"Diagnose the host: why GPUs are not usable, and by containers in particular; every"
                + " finding with its evidence and its fix.",
                "Exit status: 0 when no finding is an error, 1 when one is, 2 on a usage or internal error, 3 when"
                + " gpu-doctor could not look (a container, without root: run it with sudo)."})
final class DiagnoseCommand implements Callable<Integer> {

    private static final Duration CALL_DEADLINE = Duration.ofSeconds(10);

    @Spec
    private CommandSpec spec;

    @Option(names = "--container", paramLabel = "REF",
            description = "Container id or unique prefix, name, pid, or namespace/pod[/container].")
    private String container;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private OutputFormat format;

    @Override
    public Integer call() throws ScenarioException {
        ServeSettings settings;
        try {
            settings = SettingFlags.of(spec);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("gpu-doctor diagnose: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        HostRoots host = HostRoots.of(settings.driverOptions());
        HostView view = host.view();
        HostDiagnosis doctor = new HostDiagnosis(settings.find(ServeSettings.KMSG_PATH), CALL_DEADLINE,
                Clock.systemUTC()).withExpectedGpus(settings.expectedGpus());
        Diagnosis diagnosis;
        try {
            diagnosis = container == null
                    ? doctor.diagnose(host.driver(), view)
                    : doctor.diagnose(host.driver(), view, container);
        } catch (ContainerRefException e) {
            // A REF that names no container is the user's to fix: one line (it lists near matches), no trace.
            spec.commandLine().getErr().println("gpu-doctor diagnose: " + e.getMessage());
            return e.kind() == ContainerRefException.Kind.DENIED ? ExitCodes.COULD_NOT_LOOK : ExitCodes.ERROR;
        }
        spec.commandLine().getOut().print(format == OutputFormat.json
                ? Json.write(diagnosis) + "\n"
                : DiagnosisText.render(diagnosis, Terminal.colours(), Terminal.width()));
        spec.commandLine().getOut().flush();
        if (diagnosis.hasErrors()) {
            return ExitCodes.PROBLEM;
        }
        return diagnosis.findings().stream().anyMatch(f -> f.code() == FindingCode.CONTAINER_NOT_READABLE)
                ? ExitCodes.COULD_NOT_LOOK : ExitCodes.OK;
    }

}
