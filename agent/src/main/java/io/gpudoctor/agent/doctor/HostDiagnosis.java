package io.gpudoctor.agent.doctor;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.diagnosis.DiagnosisEngine;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.driver.DriverConnection;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.gpus.GpuInventoryCollector;
import io.gpudoctor.agent.host.HostFileReader;
import io.gpudoctor.agent.host.HostIdentityProbe;
import io.gpudoctor.agent.host.HostPaths;
import io.gpudoctor.agent.host.cdi.CdiDiagnostics;
import io.gpudoctor.agent.host.node.NodeDiagnostics;
import io.gpudoctor.agent.host.runtime.RuntimeDiagnostics;
import io.gpudoctor.agent.host.packages.InstalledPackagesProbe;
import io.gpudoctor.agent.host.proc.ProcessTableProbe;
import io.gpudoctor.agent.host.driver.DriverDiagnostics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The host diagnosis: asks the driver (bounded), probes the host's files, runs every check, and
 * assembles the document. The list of probes and checks is here and only here.
 */
public final class HostDiagnosis {

    private final DiagnosisEngine engine;
    private final Duration callDeadline;
    private final Clock clock;

    /**
     * @param kernelLog a file holding the kernel log ({@code --kmsg.path}); empty to read the host's
     *                  {@code /dev/kmsg}
     */
    public HostDiagnosis(Optional<Path> kernelLog, Duration callDeadline, Clock clock) {
        this(new DiagnosisEngine(probes(kernelLog), checks()), callDeadline, clock);
    }

    HostDiagnosis(DiagnosisEngine engine, Duration callDeadline, Clock clock) {
        this.engine = engine;
        this.callDeadline = callDeadline;
        this.clock = clock;
    }

    /** Diagnoses the host under {@code paths} with the driver reached through {@code driver}. */
    public Diagnosis diagnose(DriverConnection driver, HostPaths paths) {
        GpuInventory inventory = new GpuInventoryCollector(callDeadline, clock).collect(driver, paths.root().toString());
        HostFacts facts = engine.probe(new HostFileReader(paths),
                HostFacts.builder().put(GpuInventory.class, inventory));
        List<Finding> findings = engine.evaluate(facts);
        return DiagnosisAssembler.assemble(facts, findings, clock);
    }

    static List<HostProbe<?>> probes(Optional<Path> kernelLog) {
        List<HostProbe<?>> probes = new ArrayList<>();
        probes.add(new HostIdentityProbe());
        probes.add(new ProcessTableProbe());
        probes.add(new InstalledPackagesProbe());
        probes.addAll(DriverDiagnostics.probes(kernelLog));
        probes.addAll(RuntimeDiagnostics.probes());
        probes.addAll(CdiDiagnostics.probes());
        probes.addAll(NodeDiagnostics.probes());
        return probes;
    }

    static List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        checks.addAll(DriverDiagnostics.checks());
        checks.addAll(RuntimeDiagnostics.checks());
        checks.addAll(CdiDiagnostics.checks());
        checks.addAll(NodeDiagnostics.checks());
        return checks;
    }
}
