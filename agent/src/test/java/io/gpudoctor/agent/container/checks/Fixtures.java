package io.gpudoctor.agent.container.checks;

import io.gpudoctor.agent.container.ContainerIdentity;
import io.gpudoctor.agent.container.facts.BundleFacts;
import io.gpudoctor.agent.container.facts.ContainerEnvironment;
import io.gpudoctor.agent.container.facts.ContainerFacts;
import io.gpudoctor.agent.container.facts.CudaRequirement;
import io.gpudoctor.agent.container.attribution.WorkloadContainer;
import io.gpudoctor.agent.container.facts.DriverLibraryFile;
import io.gpudoctor.agent.container.facts.ForwardCompatLibrary;
import io.gpudoctor.agent.container.facts.LockedMemoryLimit;
import io.gpudoctor.agent.container.facts.Fact;
import io.gpudoctor.agent.container.facts.Libc;
import io.gpudoctor.agent.container.facts.MappedLibcuda;
import io.gpudoctor.agent.container.facts.MountFacts;
import io.gpudoctor.agent.container.facts.OciHook;
import io.gpudoctor.agent.container.facts.TorchInstall;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.driver.DriverConnection;
import io.gpudoctor.agent.driver.LibraryReport;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.gpus.GpuInventoryCollector;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.host.driver.KernelModuleFacts;
import io.gpudoctor.agent.gpus.ModuleGpu;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import io.gpudoctor.locate.LdSoCacheEntry;
import io.gpudoctor.nvml.MigMode;
import io.gpudoctor.simulate.GpuModel;
import io.gpudoctor.simulate.Scenario;
import io.gpudoctor.simulate.SimulatedCudaDriver;
import io.gpudoctor.simulate.SimulatedMigDevice;
import io.gpudoctor.simulate.SimulatedNvml;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** A healthy GPU container on a two-H100 host with driver 550.90.07 (CUDA 12.4), and ways to break it. */
final class Fixtures {

    static final String DRIVER = "550.90.07";
    static final String LIBCUDA = "/usr/lib/x86_64-linux-gnu/libcuda.so." + DRIVER;
    static final String SELF_ID = "a".repeat(64);
    static final String TORCH_VERSION_PY = "/usr/local/lib/python3.10/dist-packages/torch/version.py";

    private Fixtures() {
    }

    static HostFacts host() {
        return host(DRIVER, 12040);
    }

    static HostFacts host(String driverVersion, int cudaVersion) {
        return host(driverVersion, cudaVersion, GpuModel.H100_SXM5_80GB);
    }

    static HostFacts host(String driverVersion, int cudaVersion, GpuModel model) {
        return HostFacts.builder().put(GpuInventory.class, inventory(driverVersion, cudaVersion, model)).build();
    }

    /** A host whose GPUs' processes are attributed: {@code processes} are (gpu, pid, container or null). */
    static HostFacts hostWithProcesses(List<GpuProcess> processes) {
        GpuInventory inventory = inventory(DRIVER, 12040, GpuModel.H100_SXM5_80GB);
        List<GpuReading> gpus = inventory.gpus().stream().map(g -> g.withProcesses(processes.stream()
                .filter(p -> p.gpu() == g.index())
                .map(p -> new GpuReading.Process(p.pid(), "compute", Optional.of(1L << 30), p.gpuInstance(),
                        Optional.empty(), Optional.of(p.name()), p.container()))
                .toList())).toList();
        return HostFacts.builder().put(GpuInventory.class, inventory.withWorkloads(gpus, List.of())).build();
    }

    /** One process NVML reports on a GPU, with whose it is. */
    record GpuProcess(int gpu, long pid, String name, Optional<Integer> gpuInstance,
                      Optional<WorkloadContainer> container) {

        static GpuProcess of(int gpu, long pid, Optional<WorkloadContainer> container) {
            return new GpuProcess(gpu, pid, "python3", Optional.empty(), container);
        }
    }

    /** The container {@link Container#build()} describes, as attribution names it. */
    static WorkloadContainer self() {
        return new WorkloadContainer(SELF_ID, "docker", Optional.of("trainer"), Optional.empty(), Optional.empty());
    }

    static WorkloadContainer other(char idChar, String name) {
        return new WorkloadContainer(String.valueOf(idChar).repeat(64), "docker", Optional.of(name), Optional.empty(),
                Optional.empty());
    }

    /** A host of two H100s, the second split with MIG into GPU instances 1 and 2 (one compute instance each). */
    static HostFacts migHost() {
        Scenario scenario = Scenario.builder("t").driver(DRIVER, 12040).gpu(GpuModel.H100_SXM5_80GB, g -> g)
                .gpu(GpuModel.H100_SXM5_80GB, g -> g.migMode(new MigMode(true, true))
                        .migDevice(SimulatedMigDevice.of(1, 0, "3g.40gb", 0, 0))
                        .migDevice(SimulatedMigDevice.of(2, 0, "3g.40gb", 0, 0)))
                .build();
        return HostFacts.builder().put(GpuInventory.class, inventory(scenario)).build();
    }

    private static GpuInventory inventory(String driverVersion, int cudaVersion, GpuModel model) {
        return inventory(Scenario.builder("t").driver(driverVersion, cudaVersion)
                .gpu(model, g -> g).gpu(model, g -> g).build());
    }

    private static GpuInventory inventory(Scenario scenario) {
        LibraryReport simulated = new LibraryReport("libnvidia-ml.so.1", "simulated", Optional.empty(), List.of(),
                true, Optional.empty(), Optional.empty());
        DriverConnection driver = new DriverConnection("simulated:t", simulated, simulated,
                Optional.of(new SimulatedNvml(scenario)), Optional.of(new SimulatedCudaDriver(scenario)));
        return new GpuInventoryCollector(Duration.ofSeconds(2), Clock.systemUTC()).collect(driver, new HostFileReader(HostPaths.of(Path.of("/"))));
    }

    /**
     * A host whose libnvidia-ml and libcuda cannot be loaded, with the kernel module {@code moduleVersion}
     * loaded and one A100 registered under {@code /proc/driver/nvidia/gpus}.
     */
    static HostFacts hostWithoutNvml(String moduleVersion) {
        LibraryReport notLoaded = new LibraryReport("libnvidia-ml.so.1", "search", Optional.empty(), List.of(),
                false, Optional.empty(), Optional.empty());
        DriverConnection driver = new DriverConnection("host", notLoaded, notLoaded, Optional.empty(),
                Optional.empty());
        GpuInventory inventory = new GpuInventoryCollector(Duration.ofSeconds(2), Clock.systemUTC()).collect(driver, new HostFileReader(HostPaths.of(Path.of("/"))));
        KernelModuleFacts module = new KernelModuleFacts(Optional.of(moduleVersion), "/proc/driver/nvidia/version",
                Set.of("nvidia"), true, Set.of("nvidia"), Map.of("nvidia-frontend", 195), true,
                List.of(new ModuleGpu(Optional.of("NVIDIA A100-SXM4-80GB"), Optional.empty(),
                        Optional.of("0000:18:00.0"), Optional.of(0), false)));
        return HostFacts.builder().put(GpuInventory.class, inventory).put(KernelModuleFacts.class, module).build();
    }

    /** A host whose inventory was never probed. */
    static HostFacts bareHost() {
        return HostFacts.builder().build();
    }

    /** Builds container facts; every part starts healthy. */
    static final class Container {
        TreeMap<String, String> env = new TreeMap<>(Map.of("NVIDIA_VISIBLE_DEVICES", "all",
                "NVIDIA_DRIVER_CAPABILITIES", "compute,utility", "CUDA_VERSION", "12.1.1",
                "NVIDIA_REQUIRE_CUDA", "cuda>=12.1 brand=tesla,driver>=470,driver<471",
                "LD_LIBRARY_PATH", "/usr/local/nvidia/lib:/usr/local/nvidia/lib64"));
        Fact<MountFacts> mounts = Fact.known(new MountFacts(
                List.of(new DriverLibraryFile(LIBCUDA, "libcuda", DRIVER)), Optional.of("16777216k")));
        Fact<LockedMemoryLimit> lockedMemory = Fact.known(new LockedMemoryLimit(Optional.empty(), Optional.empty()));
        Fact<List<ForwardCompatLibrary>> compat = Fact.known(List.of());
        Fact<List<String>> compatConfigs = Fact.known(List.of());
        Fact<List<MappedLibcuda>> mapped = Fact.known(List.of(new MappedLibcuda(LIBCUDA, MappedLibcuda.Kind.OTHER)));
        Fact<BundleFacts> bundle = Fact.known(new BundleFacts(
                List.of("/dev/nvidiactl", "/dev/nvidia-uvm", "/dev/nvidia0"),
                List.of(new OciHook("prestart", "/usr/bin/nvidia-container-runtime-hook",
                        List.of("nvidia-container-runtime-hook", "prestart"))), new TreeMap<>(), Optional.empty()));
        Fact<List<String>> nodes = Fact.known(List.of("/dev/nvidia-uvm", "/dev/nvidia-uvm-tools",
                "/dev/nvidia0", "/dev/nvidiactl"));
        Fact<List<LdSoCacheEntry>> cache = Fact.known(List.of(
                new LdSoCacheEntry("libcuda.so.1", "/usr/lib/x86_64-linux-gnu/libcuda.so.1", LdSoCacheEntry.X86_64_LIBC6)));
        Fact<List<DriverLibraryFile>> bundled = Fact.known(List.of());
        Fact<Libc> libc = Fact.known(new Libc(Libc.Kind.GLIBC, "/lib64/ld-linux-x86-64.so.2"));
        Fact<List<TorchInstall>> torch = Fact.known(List.of(
                new TorchInstall(TORCH_VERSION_PY, "2.4.0+cu121", Optional.of("12.1"))));
        List<CudaRequirement> requirements = List.of(
                new CudaRequirement("12.1", CudaRequirement.Source.TORCH, TORCH_VERSION_PY),
                new CudaRequirement("12.1.1", CudaRequirement.Source.ENV_CUDA_VERSION, "CUDA_VERSION"));

        Optional<String> pod = Optional.empty();
        String runtime = "docker";

        /** The same container started by another engine ({@code podman}, {@code containerd}). */
        Container runtime(String label) {
            runtime = label;
            return this;
        }

        /** The same container as a Kubernetes pod's. */
        Container inPod() {
            pod = Optional.of("llama-pretrain-0");
            return this;
        }

        Container env(String name, String value) {
            env.put(name, value);
            return this;
        }

        Container withoutEnv(String name) {
            env.remove(name);
            return this;
        }

        /** A CPU container under plain runc: no devices, hooks, driver mounts or CUDA. */
        Container cpuOnlyUnderRunc() {
            env.clear();
            bundle = Fact.known(new BundleFacts(List.of(), List.of(), new TreeMap<>(), Optional.empty()));
            nodes = Fact.known(List.of());
            mounts = Fact.known(new MountFacts(List.of(), Optional.empty()));
            mapped = Fact.known(List.of());
            cache = Fact.known(List.of());
            torch = Fact.known(List.of());
            requirements = List.of();
            return this;
        }

        ContainerFacts build() {
            ContainerIdentity identity = new ContainerIdentity(SELF_ID, runtime, Optional.of("trainer"),
                    pod, pod.map(p -> "training"), Optional.empty(), 4242,
                    Optional.of("/run/containerd/io.containerd.runtime.v2.task/moby/" + SELF_ID + "/config.json"));
            return new ContainerFacts(identity, Fact.known(new ContainerEnvironment(env, false)), mounts, lockedMemory,
                    mapped, bundle, nodes, cache, bundled, compat, compatConfigs, libc, torch, requirements);
        }
    }

    static Container container() {
        return new Container();
    }
}
