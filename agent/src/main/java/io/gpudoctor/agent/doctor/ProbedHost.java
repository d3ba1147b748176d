package io.gpudoctor.agent.doctor;

import io.gpudoctor.agent.container.ContainerIdentity;
import io.gpudoctor.agent.container.facts.ContainerFacts;
import io.gpudoctor.agent.container.facts.ContainerFactsReader;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.IsolatedRules;
import io.gpudoctor.agent.hostfs.HostFileReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A host probed once, with the driver's view already collected: its diagnosis, and any number of
 * containers diagnosed against the same facts. The daemon's refresh diagnoses every container
 * using a GPU, and probing the host (kernel log, process table, runtime configs) once instead of
 * once per container is what keeps that affordable.
 */
public final class ProbedHost {

    private final HostFacts facts;
    private final List<Finding> hostFindings;
    private final ContainerDiagnosis containerDiagnosis;
    private final HostFileReader files;
    private final Clock clock;

    ProbedHost(HostFacts facts, List<Finding> hostFindings, ContainerDiagnosis containerDiagnosis, HostFileReader files,
               Clock clock) {
        this.facts = facts;
        this.hostFindings = List.copyOf(hostFindings);
        this.containerDiagnosis = containerDiagnosis;
        this.files = files;
        this.clock = clock;
    }

    /** The host diagnosis, no container part. */
    public Diagnosis diagnosis() {
        return DiagnosisAssembler.assemble(facts, Optional.empty(), hostFindings, clock);
    }

    /** The container checks' findings about one container, most severe first; the host's are not repeated. */
    public List<Finding> containerFindings(ContainerIdentity identity) {
        return containerDiagnosis.evaluate(read(identity), facts);
    }

    /**
     * One container's diagnosis without the host checks, for when the host's facts are not to be
     * judged (the driver's view is not known yet): the container's findings and {@code note}, which
     * says why the host part is missing.
     *
     * @param ref the REF as the user gave it
     */
    public Diagnosis containerOnly(String ref, ContainerIdentity identity, Finding note) {
        ContainerFacts container = read(identity);
        List<Finding> findings = new ArrayList<>(containerDiagnosis.evaluate(container, facts));
        findings.add(note);
        return DiagnosisAssembler.assemble(facts, Optional.of(DiagnosisAssembler.container(ref, container)),
                IsolatedRules.mostSevereFirst(findings), clock);
    }

    private ContainerFacts read(ContainerIdentity identity) {
        return ContainerFactsReader.read(identity, files);
    }
}
