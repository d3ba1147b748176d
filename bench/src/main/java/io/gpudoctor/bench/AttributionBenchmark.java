package io.gpudoctor.bench;

import io.gpudoctor.agent.container.ContainerResolver;
import io.gpudoctor.agent.container.attribution.GpuMemoryAttribution;
import io.gpudoctor.agent.container.attribution.ProcessOriginReader;
import io.gpudoctor.agent.driver.DriverConnection;
import io.gpudoctor.agent.driver.LibraryReport;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.gpus.GpuInventoryCollector;
import io.gpudoctor.agent.gpus.GpuWorkloads;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import io.gpudoctor.simulate.GpuModel;
import io.gpudoctor.simulate.Scenario;
import io.gpudoctor.simulate.SimulatedCudaDriver;
import io.gpudoctor.simulate.SimulatedNvml;
import io.gpudoctor.simulate.SimulatedProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Attribution of one collection cycle on a busy Kubernetes node: 8 GPUs with 64 processes each,
 * the 512 processes spread over 32 containerd containers in 32 pods. Per cycle the daemon reads
 * {@code comm} and {@code cgroup} of NVML's pids only, names each container from its bundle, and
 * totals memory per process (top N) and per container. Target: under 5 ms per cycle. The daemon keeps
 * its reader, so a steady cycle reads each known pid's {@code stat} only; the first cycle finds all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AttributionBenchmark {

    static final int GPUS = 8;
    static final int PROCESSES_PER_GPU = 64;
    static final int CONTAINERS = 32;
    private static final long FIRST_PID = 20_000;

    private Path root;
    private HostPaths host;
    private GpuInventory inventory;
    private ProcessOriginReader keptReader;

    @Setup
    public void buildNode() throws IOException {
        root = Files.createTempDirectory("gpu-doctor-attribution-bench");
        host = HostPaths.of(root);
        write("proc/stat", "cpu  1 2 3 4\nbtime 1763884800\n");
        for (int c = 0; c < CONTAINERS; c++) {
            String task = "run/containerd/io.containerd.runtime.v2.task/k8s.io/" + containerId(c) + "/";
            write(task + "init.pid", FIRST_PID + c + "\n");
            write(task + "config.json", "{\"ociVersion\":\"1.1.0\",\"annotations\":{"
                    + "\"io.kubernetes.cri.container-type\":\"container\",\"io.kubernetes.cri.container-name\":\"trainer\","
                    + "\"io.kubernetes.cri.sandbox-name\":\"job-" + c + "\",\"io.kubernetes.cri.sandbox-namespace\":\"ml\","
                    + "\"io.kubernetes.cri.sandbox-uid\":\"" + podUid(c) + "\"}}");
        }
        Scenario.Builder scenario = Scenario.builder("attribution").driver("550.90.07", 12040);
        for (int g = 0; g < GPUS; g++) {
            List<SimulatedProcess> processes = new ArrayList<>();
            for (int p = 0; p < PROCESSES_PER_GPU; p++) {
                long pid = FIRST_PID + (long) g * PROCESSES_PER_GPU + p;
                int container = (int) ((pid - FIRST_PID) % CONTAINERS);
                processes.add(SimulatedProcess.compute(pid, (256L + p) << 20));
                write("proc/" + pid + "/comm", "python3\n");
                write("proc/" + pid + "/stat", pid + " (python3) S 1 " + pid + " " + pid
                        + " 0 -1 4194560 0 0 0 0 1 1 0 0 20 0 1 0 120000 1 1 1 1 1 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n");
                write("proc/" + pid + "/cgroup", "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod"
                        + podUid(container).replace('-', '_') + ".slice/cri-containerd-" + containerId(container)
                        + ".scope\n");
            }
            scenario.gpu(GpuModel.H100_SXM5_80GB, gpu -> gpu.processes(processes));
        }
        Scenario built = scenario.build();
        LibraryReport simulated = new LibraryReport("libnvidia-ml.so.1", "simulated", Optional.empty(), List.of(),
                true, Optional.empty(), Optional.empty());
        DriverConnection driver = new DriverConnection("simulated:attribution", simulated, simulated,
                Optional.of(new SimulatedNvml(built)), Optional.of(new SimulatedCudaDriver(built)));
        inventory = new GpuInventoryCollector(Duration.ofSeconds(5), Clock.systemUTC()).collect(driver, new HostFileReader(HostPaths.of(root)));
        keptReader = new ProcessOriginReader(new ContainerResolver(new HostFileReader(host)));
    }

    @TearDown
    public void removeNode() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** A cycle of the daemon, whose reader is kept across cycles and finds only pids it has not seen. */
    @Benchmark
    public GpuWorkloads.Attributed steadyCycle() {
        return GpuWorkloads.attribute(inventory, keptReader, GpuMemoryAttribution.DEFAULT_TOP_PROCESSES);
    }

    /** The first cycle, or one where every pid is new: each process and each container found from its files. */
    @Benchmark
    public GpuWorkloads.Attributed firstCycle() {
        return GpuWorkloads.attribute(inventory, new ProcessOriginReader(new ContainerResolver(new HostFileReader(host))),
                GpuMemoryAttribution.DEFAULT_TOP_PROCESSES);
    }

    private static String containerId(int index) {
        return String.format(Locale.ROOT, "%064x", 0xc0ffee00L + index);
    }

    private static String podUid(int index) {
        return String.format(Locale.ROOT, "8d3f6a2e-91c4-4b7a-a5e0-%012x", index);
    }

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
