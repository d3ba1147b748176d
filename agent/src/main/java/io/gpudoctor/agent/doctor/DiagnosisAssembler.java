package io.gpudoctor.agent.doctor;

import io.gpudoctor.agent.container.ContainerIdentity;
import io.gpudoctor.agent.container.facts.ContainerFacts;
import io.gpudoctor.agent.container.facts.CudaRequirement;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.host.HostIdentity;
import io.gpudoctor.agent.host.driver.KernelModuleFacts;
import io.gpudoctor.locate.LibraryCandidate;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Builds the diagnosis document's host and container parts from the facts, and the document itself. */
final class DiagnosisAssembler {

    private DiagnosisAssembler() {
    }

    /** @param findings host and container findings, in the order the document lists them */
    static Diagnosis assemble(HostFacts facts, Optional<Diagnosis.Container> container, List<Finding> findings,
                              Clock clock) {
        return new Diagnosis(Diagnosis.SCHEMA, Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(),
                Diagnosis.verdictOf(findings), host(facts), container, findings);
    }

    /** The document's container object: {@code ref} as the user gave it, the rest as resolved and read. */
    static Diagnosis.Container container(String ref, ContainerFacts facts) {
        ContainerIdentity identity = facts.identity();
        return new Diagnosis.Container(ref, identity.id(), identity.name(), identity.runtime(), identity.pid(),
                identity.pod(), identity.namespace(), cudaNeed(facts.cudaRequirements()));
    }

    /**
     * The CUDA the workload needs, by the most telling source: what torch was built for, else the
     * installed toolkit, else the image's variables (Source's declaration order says exactly that).
     */
    private static Optional<Diagnosis.CudaNeed> cudaNeed(List<CudaRequirement> requirements) {
        return requirements.stream()
                .min(Comparator.comparing(CudaRequirement::source))
                .map(r -> new Diagnosis.CudaNeed(r.version(), r.evidence()));
    }

    private static Diagnosis.Host host(HostFacts facts) {
        HostIdentity identity = facts.find(HostIdentity.class).orElse(new HostIdentity("unknown", "unknown"));
        GpuInventory inventory = facts.get(GpuInventory.class);
        Diagnosis.Nvml nvml = new Diagnosis.Nvml(libraryPath(inventory.libraries().nvml().chosen()),
                inventory.nvml().nvmlVersion(),
                inventory.nvml().status().equals("NVML_SUCCESS") ? "ok" : inventory.nvml().status());
        Diagnosis.Cuda cuda = new Diagnosis.Cuda(libraryPath(inventory.libraries().cuda().chosen()),
                inventory.cuda().driverVersion(), inventory.cuda().initResult());
        List<Diagnosis.Gpu> gpus = inventory.gpus().stream()
                .map(g -> new Diagnosis.Gpu(g.index(), g.uuid(), g.name(), g.pciBusId(), g.computeCapability()))
                .toList();
        return new Diagnosis.Host(identity.hostname(), identity.kernel(),
                new Diagnosis.Driver(
                facts.find(KernelModuleFacts.class).flatMap(KernelModuleFacts::version), nvml, cuda), gpus);
    }

    private static Optional<String> libraryPath(Optional<LibraryCandidate> chosen) {
        return chosen.map(LibraryCandidate::realPath).map(Path::toString);
    }
}
