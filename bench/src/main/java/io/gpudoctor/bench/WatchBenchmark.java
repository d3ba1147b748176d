package io.gpudoctor.bench;

import io.gpudoctor.agent.container.ContainerResolver;
import io.gpudoctor.agent.container.HostView;
import io.gpudoctor.agent.container.watch.ContainerWatch;
import io.gpudoctor.agent.container.watch.WatchedContainer;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.doctor.HostDiagnosis;
import io.gpudoctor.agent.doctor.ProbedHost;
import io.gpudoctor.agent.driver.DriverConnector;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.gpus.GpuInventoryCollector;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import io.gpudoctor.agent.simulate.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The daemon's container watch on a generated node of {@code containers} containers, one in
 * {@code gpuEvery} asking for a GPU: {@code scan} is one steady-state cycle (every process's
 * cgroup read, nothing new to decide), as the diagnosis thread runs it every collection interval;
 * {@code firstScan} decides every container from scratch, as at the daemon's start;
 * {@code rediagnoseAll} diagnoses every watched container against a probed host, as happens once
 * per rediagnose interval. bench/watch.sh turns these into a share of one core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WatchBenchmark {

    @Param("200")
    public int containers;

    @Param("4")
    public int gpuEvery;

    private Path root;
    private HostFileReader files;
    private ContainerWatch watch;
    private ProbedHost host;
    private List<WatchedContainer> watched;

    @Setup
    public void node() throws Exception {
        root = Files.createTempDirectory("gpu-doctor-watch-bench");
        WatchFixture.write(root, containers, gpuEvery);
        HostPaths paths = HostPaths.of(root);
        files = new HostFileReader(paths);
        ContainerResolver resolver = new ContainerResolver(files);
        watch = new ContainerWatch(resolver);
        watched = watch.scan(Set.of());
        if (watched.size() != (containers + gpuEvery - 1) / gpuEvery) {
            throw new IllegalStateException("the fixture has " + watched.size() + " watched containers");
        }
        GpuInventory inventory = new GpuInventoryCollector(Duration.ofSeconds(2), Clock.systemUTC())
                .collect(DriverConnector.simulated(ScenarioLoader.load("dgx-h100")), files);
        host = new HostDiagnosis(Optional.empty(), Duration.ofSeconds(2), Clock.systemUTC()).probe(inventory, new HostView(files, resolver));
    }

    @TearDown
    public void removeNode() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public List<WatchedContainer> scan() {
        return watch.scan(Set.of());
    }

    @Benchmark
    public List<WatchedContainer> firstScan() {
        return new ContainerWatch(new ContainerResolver(files)).scan(Set.of());
    }

    @Benchmark
    public List<Finding> rediagnoseAll() {
        List<Finding> findings = new ArrayList<>();
        for (WatchedContainer container : watched) {
            findings.addAll(host.containerFindings(container.identity()));
        }
        return findings;
    }
}
