package io.gpudoctor.bench;

import io.gpudoctor.agent.container.ContainerIdentity;
import io.gpudoctor.agent.container.ContainerResolver;
import io.gpudoctor.agent.container.HostView;
import io.gpudoctor.agent.container.facts.ContainerFactsReader;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.doctor.CheckRegistry;
import io.gpudoctor.agent.doctor.ContainerDiagnosis;
import io.gpudoctor.agent.doctor.HostDiagnosis;
import io.gpudoctor.agent.driver.DriverConnector;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.gpus.GpuInventoryCollector;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import io.gpudoctor.agent.simulate.LoadedScenario;
import io.gpudoctor.agent.simulate.ScenarioLoader;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The warm, in-process diagnosis of one container on a simulated node, as the daemon answers
 * {@code /diagnose?container=REF}: with the driver's inventory already collected, the host's
 * probes and checks, the REF resolved, the container's facts read (host side and through the safe
 * reader), every container check. {@code containerPart} is the container's share alone: resolve,
 * facts, checks. Target: under 50 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ContainerDiagnoseBenchmark {

    /** A shipped scenario and a container on it, as {@code scenario|REF}. */
    @Param({"dgx-h100|training/llama-pretrain-0/trainer", "workstation-rtx4090|comfyui"})
    public String container;

    private HostDiagnosis diagnosis;
    private ContainerDiagnosis containerChecks;
    private GpuInventory inventory;
    private HostFacts inventoryOnly;
    private HostPaths host;
    private String ref;

    @Setup
    public void collect() throws Exception {
        String[] parts = container.split("\\|", 2);
        ref = parts[1];
        LoadedScenario loaded = ScenarioLoader.load(parts[0]);
        host = HostPaths.of(loaded.hostRoot().orElseThrow());
        inventory = new GpuInventoryCollector(Duration.ofSeconds(2), Clock.systemUTC())
                .collect(DriverConnector.simulated(loaded), new HostFileReader(HostPaths.of(host.root())));
        inventoryOnly = HostFacts.builder().put(GpuInventory.class, inventory).build();
        diagnosis = new HostDiagnosis(Optional.empty(), Duration.ofSeconds(2), Clock.systemUTC());
        containerChecks = new ContainerDiagnosis(CheckRegistry.containerChecks().stream()
                .map(CheckRegistry.ContainerCheckEntry::check).toList());
    }

    @Benchmark
    public Diagnosis wholeDiagnosis() throws Exception {
        return diagnosis.diagnose(inventory, HostView.at(host.root(), Clock.systemUTC()), ref);
    }

    @Benchmark
    public List<Finding> containerPart() throws Exception {
        HostFileReader files = new HostFileReader(host);
        ContainerIdentity identity = new ContainerResolver(files).resolve(ref);
        return containerChecks.evaluate(ContainerFactsReader.read(identity, files), inventoryOnly);
    }
}
