package io.gpudoctor.agent.doctor;

import io.gpudoctor.agent.container.ContainerIdentity;
import io.gpudoctor.agent.container.ContainerRefException;
import io.gpudoctor.agent.container.HostView;
import io.gpudoctor.agent.container.attribution.ProcessOriginReader;
import io.gpudoctor.agent.container.checks.ContainerCheck;
import io.gpudoctor.agent.container.facts.ContainerFacts;
import io.gpudoctor.agent.container.facts.ContainerFactsReader;
import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.diagnosis.DiagnosisEngine;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.diagnosis.IsolatedRules;
import io.gpudoctor.agent.driver.DriverConnection;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.gpus.GpuInventoryCollector;
import io.gpudoctor.agent.gpus.GpuWorkloads;
import io.gpudoctor.agent.host.agent.AgentFiles;
import io.gpudoctor.agent.host.driver.ExpectedGpuCount;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The host diagnosis, and with a container REF the host's and that container's: asks the driver
 * (bounded), probes the host's files, runs every check ({@link CheckRegistry}), and assembles the
 * document.
 */
public final class HostDiagnosis {

    private final DiagnosisEngine engine;
    private final ContainerDiagnosis containerDiagnosis;
    private final Duration callDeadline;
    private final Clock clock;
    private final AgentFiles agentFiles;
    private final Optional<ExpectedGpuCount> expectedGpus;

    /**
     * @param kernelLog a file holding the kernel log ({@code --kmsg.path}); empty to read the host's
     *                  {@code /dev/kmsg}
     */
    public HostDiagnosis(Optional<Path> kernelLog, Duration callDeadline, Clock clock) {
        this(new DiagnosisEngine(probes(kernelLog), checks()), new ContainerDiagnosis(containerChecks()),
                callDeadline, clock, AgentFiles.NONE, Optional.empty());
    }

    HostDiagnosis(DiagnosisEngine engine, ContainerDiagnosis containerDiagnosis, Duration callDeadline, Clock clock,
                  AgentFiles agentFiles, Optional<ExpectedGpuCount> expectedGpus) {
        this.engine = engine;
        this.containerDiagnosis = containerDiagnosis;
        this.callDeadline = callDeadline;
        this.clock = clock;
        this.agentFiles = agentFiles;
        this.expectedGpus = expectedGpus;
    }

    /** This diagnosis, also judging the daemon's own files (read at its start). */
    public HostDiagnosis withAgentFiles(AgentFiles files) {
        return new HostDiagnosis(engine, containerDiagnosis, callDeadline, clock, files, expectedGpus);
    }

    /**
     * This diagnosis, counting the GPUs against the operator's number ({@code gpus.expected}) as
     * well as against the PCI bus; empty: against the bus only.
     */
    public HostDiagnosis withExpectedGpus(Optional<ExpectedGpuCount> expected) {
        return new HostDiagnosis(engine, containerDiagnosis, callDeadline, clock, agentFiles, expected);
    }

    /** Diagnoses {@code host} with the driver reached through {@code driver}. */
    public Diagnosis diagnose(DriverConnection driver, HostView host) {
        return diagnose(collect(driver, host), host);
    }

    /**
     * Diagnoses {@code host} with the driver's view already collected: the daemon passes its latest
     * snapshot, so a diagnosis never waits on the driver.
     */
    public Diagnosis diagnose(GpuInventory inventory, HostView host) {
        HostFacts facts = probeHost(inventory, host);
        return DiagnosisAssembler.assemble(facts, Optional.empty(), engine.evaluate(facts), clock);
    }

    /**
     * Probes {@code host} once, with the driver's view already collected, for its diagnosis and for
     * any number of containers' findings against the same facts.
     */
    public ProbedHost probe(GpuInventory inventory, HostView host) {
        HostFacts facts = probeHost(inventory, host);
        return new ProbedHost(facts, engine.evaluate(facts), containerDiagnosis, host.files(), clock);
    }

    /**
     * Diagnoses the host as {@link #diagnose(DriverConnection, HostView)} does, and the container
     * {@code containerRef} names on it: the document holds both parts' findings, most severe first.
     *
     * @throws ContainerRefException when the REF names no container, several, or is not a REF
     */
    public Diagnosis diagnose(DriverConnection driver, HostView host, String containerRef)
            throws ContainerRefException {
        // Resolved before the driver is asked: a mistyped REF is answered at once, not after NVML's calls.
        ContainerIdentity identity = host.containers().resolve(containerRef);
        return diagnose(identity, containerRef, collect(driver, host), host);
    }

    /**
     * Diagnoses the host and one container as {@link #diagnose(DriverConnection, HostView, String)}
     * does, with the driver's view already collected.
     *
     * @throws ContainerRefException when the REF names no container, several, or is not a REF
     */
    public Diagnosis diagnose(GpuInventory inventory, HostView host, String containerRef)
            throws ContainerRefException {
        ContainerIdentity identity = host.containers().resolve(containerRef);
        return diagnose(identity, containerRef, inventory, host);
    }

    /**
     * Diagnoses the host and the container {@code identity}, already resolved from
     * {@code containerRef}, with the driver's view already collected.
     */
    public Diagnosis diagnose(ContainerIdentity identity, String containerRef, GpuInventory inventory,
                              HostView view) {
        // Whose each GPU process is: a container check compares its neighbours on the GPU (NVML's pids only).
        HostFacts host = probeHost(GpuWorkloads.attribute(inventory, new ProcessOriginReader(view.containers())), view);
        ContainerFacts container = ContainerFactsReader.read(identity, view.files());
        List<Finding> findings = new ArrayList<>(engine.evaluate(host));
        findings.addAll(containerDiagnosis.evaluate(container, host));
        return DiagnosisAssembler.assemble(host, Optional.of(DiagnosisAssembler.container(containerRef, container)),
                IsolatedRules.mostSevereFirst(findings), clock);
    }

    private GpuInventory collect(DriverConnection driver, HostView host) {
        return new GpuInventoryCollector(callDeadline, clock).collect(driver, host.files());
    }

    private HostFacts probeHost(GpuInventory inventory, HostView host) {
        HostFacts.Builder given = HostFacts.builder().put(GpuInventory.class, inventory).put(AgentFiles.class, agentFiles);
        expectedGpus.ifPresent(expected -> given.put(ExpectedGpuCount.class, expected));
        return engine.probe(host.files(), given);
    }

    static List<HostProbe<?>> probes(Optional<Path> kernelLog) {
        return CheckRegistry.probes(kernelLog).stream().<HostProbe<?>>map(CheckRegistry.Probe::probe).toList();
    }

    static List<Check> checks() {
        return CheckRegistry.hostChecks().stream().map(CheckRegistry.HostCheck::check).toList();
    }

    static List<ContainerCheck> containerChecks() {
        return CheckRegistry.containerChecks().stream().map(CheckRegistry.ContainerCheckEntry::check).toList();
    }
}
