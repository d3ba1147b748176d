package io.gpudoctor.agent.doctor;

import static io.gpudoctor.agent.diagnosis.FindingCode.AGENT_CONFIG_INSECURE;
import static io.gpudoctor.agent.diagnosis.FindingCode.CDI_SPEC_INVALID;
import static io.gpudoctor.agent.diagnosis.FindingCode.CDI_SPEC_MISSING;
import static io.gpudoctor.agent.diagnosis.FindingCode.CDI_SPEC_STALE;
import static io.gpudoctor.agent.diagnosis.FindingCode.CGROUP_DEVICE_ACCESS_AT_RISK;
import static io.gpudoctor.agent.diagnosis.FindingCode.CGROUP_V2_TOOLKIT_TOO_OLD;
import static io.gpudoctor.agent.diagnosis.FindingCode.CONTAINERD_CONFIG_INVALID;
import static io.gpudoctor.agent.diagnosis.FindingCode.CONTAINERD_RUNTIME_NOT_CONFIGURED;
import static io.gpudoctor.agent.diagnosis.FindingCode.CONTAINER_BUNDLED_DRIVER_LIBS;
import static io.gpudoctor.agent.diagnosis.FindingCode.CONTAINER_CPU_ONLY_FRAMEWORK;
import static io.gpudoctor.agent.diagnosis.FindingCode.CONTAINER_CUDA_VISIBLE_DEVICES_HIDES_ALL;
import static io.gpudoctor.agent.diagnosis.FindingCode.CONTAINER_DEVICE_NODES_MISSING;
import static io.gpudoctor.agent.diagnosis.FindingCode.CONTAINER_DRIVER_CAPABILITIES_MISSING;
import static io.gpudoctor.agent.diagnosis.FindingCode.CONTAINER_LIBCUDA_MISSING;
import static io.gpudoctor.agent.diagnosis.FindingCode.CONTAINER_MEMLOCK_LIMITED;
import static io.gpudoctor.agent.diagnosis.FindingCode.CONTAINER_MUSL_LIBC;
import static io.gpudoctor.agent.diagnosis.FindingCode.CONTAINER_NOT_READABLE;
import static io.gpudoctor.agent.diagnosis.FindingCode.CONTAINER_NO_GPU_INJECTED;
import static io.gpudoctor.agent.diagnosis.FindingCode.CONTAINER_REQUIRE_CUDA_UNSATISFIED;
import static io.gpudoctor.agent.diagnosis.FindingCode.CONTAINER_SHM_TOO_SMALL;
import static io.gpudoctor.agent.diagnosis.FindingCode.CONTAINER_STUB_LIBCUDA;
import static io.gpudoctor.agent.diagnosis.FindingCode.CONTAINER_VISIBLE_DEVICES_DISABLED;
import static io.gpudoctor.agent.diagnosis.FindingCode.CONTAINER_VISIBLE_DEVICES_UNKNOWN;
import static io.gpudoctor.agent.diagnosis.FindingCode.CRIO_CONFIG_INVALID;
import static io.gpudoctor.agent.diagnosis.FindingCode.CRIO_RUNTIME_NOT_CONFIGURED;
import static io.gpudoctor.agent.diagnosis.FindingCode.CUDA_DRIVER_TOO_OLD;
import static io.gpudoctor.agent.diagnosis.FindingCode.CUDA_FORWARD_COMPAT;
import static io.gpudoctor.agent.diagnosis.FindingCode.CUDA_FORWARD_COMPAT_UNSUPPORTED;
import static io.gpudoctor.agent.diagnosis.FindingCode.CUDA_INIT_FAILED;
import static io.gpudoctor.agent.diagnosis.FindingCode.CUDA_MINOR_VERSION_COMPAT;
import static io.gpudoctor.agent.diagnosis.FindingCode.DEVICE_NODES_MISSING;
import static io.gpudoctor.agent.diagnosis.FindingCode.DEVICE_PLUGIN_NOT_RUNNING;
import static io.gpudoctor.agent.diagnosis.FindingCode.DOCKER_CONFIG_INVALID;
import static io.gpudoctor.agent.diagnosis.FindingCode.DOCKER_RESTART_PENDING;
import static io.gpudoctor.agent.diagnosis.FindingCode.DOCKER_RUNTIME_NOT_CONFIGURED;
import static io.gpudoctor.agent.diagnosis.FindingCode.DRIVER_LIBRARY_MISMATCH;
import static io.gpudoctor.agent.diagnosis.FindingCode.DRIVER_NOT_INSTALLED;
import static io.gpudoctor.agent.diagnosis.FindingCode.ECC_UNCORRECTABLE_ERRORS;
import static io.gpudoctor.agent.diagnosis.FindingCode.FABRIC_MANAGER_NOT_RUNNING;
import static io.gpudoctor.agent.diagnosis.FindingCode.GPU_ARCH_NOT_IN_BUILD;
import static io.gpudoctor.agent.diagnosis.FindingCode.GPU_ARCH_UNSUPPORTED_BY_CUDA;
import static io.gpudoctor.agent.diagnosis.FindingCode.GPU_ARCH_UNSUPPORTED_BY_DRIVER;
import static io.gpudoctor.agent.diagnosis.FindingCode.GPU_COUNT_BELOW_EXPECTED;
import static io.gpudoctor.agent.diagnosis.FindingCode.GPU_LOST;
import static io.gpudoctor.agent.diagnosis.FindingCode.GPU_RESET_REQUIRED;
import static io.gpudoctor.agent.diagnosis.FindingCode.GPU_SHARED_BY_CONTAINERS;
import static io.gpudoctor.agent.diagnosis.FindingCode.GPU_THROTTLED;
import static io.gpudoctor.agent.diagnosis.FindingCode.KERNEL_MODULE_NOT_LOADED;
import static io.gpudoctor.agent.diagnosis.FindingCode.MIG_ENABLED_NO_INSTANCES;
import static io.gpudoctor.agent.diagnosis.FindingCode.NOUVEAU_LOADED;
import static io.gpudoctor.agent.diagnosis.FindingCode.NO_NVIDIA_GPU;
import static io.gpudoctor.agent.diagnosis.FindingCode.NVIDIA_RUNTIME_NOT_DEFAULT;
import static io.gpudoctor.agent.diagnosis.FindingCode.NVLINK_DOWN;
import static io.gpudoctor.agent.diagnosis.FindingCode.NVLINK_ERRORS;
import static io.gpudoctor.agent.diagnosis.FindingCode.NVML_CALL_HUNG;
import static io.gpudoctor.agent.diagnosis.FindingCode.NVML_INIT_FAILED;
import static io.gpudoctor.agent.diagnosis.FindingCode.NVSWITCH_SXID;
import static io.gpudoctor.agent.diagnosis.FindingCode.PCIE_LINK_DEGRADED;
import static io.gpudoctor.agent.diagnosis.FindingCode.PERSISTENCE_MODE_OFF;
import static io.gpudoctor.agent.diagnosis.FindingCode.ROW_REMAP_FAILURE;
import static io.gpudoctor.agent.diagnosis.FindingCode.SELINUX_ENFORCING;
import static io.gpudoctor.agent.diagnosis.FindingCode.TOOLKIT_CONFIG_INVALID;
import static io.gpudoctor.agent.diagnosis.FindingCode.TOOLKIT_NOT_INSTALLED;
import static io.gpudoctor.agent.diagnosis.FindingCode.TOOLKIT_VULNERABLE;
import static io.gpudoctor.agent.diagnosis.FindingCode.UVM_NOT_LOADED;
import static io.gpudoctor.agent.diagnosis.FindingCode.XID_ERROR;

import io.gpudoctor.agent.container.checks.ContainerCheck;
import io.gpudoctor.agent.container.checks.DriverCapabilitiesCheck;
import io.gpudoctor.agent.container.checks.ForwardCompatCheck;
import io.gpudoctor.agent.container.checks.GpuSharingCheck;
import io.gpudoctor.agent.container.checks.InjectionCheck;
import io.gpudoctor.agent.container.checks.LibcudaCheck;
import io.gpudoctor.agent.container.checks.LockedMemoryCheck;
import io.gpudoctor.agent.container.checks.ReadAccessCheck;
import io.gpudoctor.agent.container.checks.SharedMemoryCheck;
import io.gpudoctor.agent.container.checks.VisibleDevicesCheck;
import io.gpudoctor.agent.container.checks.WorkloadCudaCheck;
import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.host.HostIdentityProbe;
import io.gpudoctor.agent.host.agent.AgentFilesCheck;
import io.gpudoctor.agent.host.cdi.CdiSpecInvalidCheck;
import io.gpudoctor.agent.host.cdi.CdiSpecProbe;
import io.gpudoctor.agent.host.cdi.CdiSpecStaleCheck;
import io.gpudoctor.agent.host.containerd.ContainerdConfigCheck;
import io.gpudoctor.agent.host.containerd.ContainerdProbe;
import io.gpudoctor.agent.host.crio.CrioConfigCheck;
import io.gpudoctor.agent.host.crio.CrioProbe;
import io.gpudoctor.agent.host.docker.DockerConfigCheck;
import io.gpudoctor.agent.host.docker.DockerProbe;
import io.gpudoctor.agent.host.docker.DockerRestartCheck;
import io.gpudoctor.agent.host.driver.CudaInitCheck;
import io.gpudoctor.agent.host.driver.DeviceNodesCheck;
import io.gpudoctor.agent.host.driver.DeviceNodesProbe;
import io.gpudoctor.agent.host.driver.DriverMismatchCheck;
import io.gpudoctor.agent.host.driver.DriverPresenceCheck;
import io.gpudoctor.agent.host.driver.EccCheck;
import io.gpudoctor.agent.host.driver.FabricManagerCheck;
import io.gpudoctor.agent.host.driver.GpuCountCheck;
import io.gpudoctor.agent.host.driver.GpuLostCheck;
import io.gpudoctor.agent.host.driver.GpuResetRequiredCheck;
import io.gpudoctor.agent.host.driver.KernelModuleProbe;
import io.gpudoctor.agent.host.driver.MigCapabilitiesProbe;
import io.gpudoctor.agent.host.driver.MigInstancesCheck;
import io.gpudoctor.agent.host.driver.NouveauCheck;
import io.gpudoctor.agent.host.driver.NvLinkDownCheck;
import io.gpudoctor.agent.host.driver.NvLinkErrorsCheck;
import io.gpudoctor.agent.host.driver.NvSwitchSxidCheck;
import io.gpudoctor.agent.host.driver.NvmlHungCheck;
import io.gpudoctor.agent.host.driver.NvmlInitCheck;
import io.gpudoctor.agent.host.driver.PciDevicesProbe;
import io.gpudoctor.agent.host.driver.PcieLinkCheck;
import io.gpudoctor.agent.host.driver.PersistenceModeCheck;
import io.gpudoctor.agent.host.driver.RowRemapCheck;
import io.gpudoctor.agent.host.driver.ThrottleCheck;
import io.gpudoctor.agent.host.driver.UvmCheck;
import io.gpudoctor.agent.host.driver.XidCheck;
import io.gpudoctor.agent.host.engines.CdiSpecMissingCheck;
import io.gpudoctor.agent.host.engines.CgroupDeviceAccessCheck;
import io.gpudoctor.agent.host.engines.ContainerdRuntimeCheck;
import io.gpudoctor.agent.host.engines.CrioRuntimeCheck;
import io.gpudoctor.agent.host.engines.DefaultRuntimeCheck;
import io.gpudoctor.agent.host.engines.DockerRuntimeCheck;
import io.gpudoctor.agent.host.engines.HostDeviceProbe;
import io.gpudoctor.agent.host.engines.KubernetesProbe;
import io.gpudoctor.agent.host.engines.ToolkitConfigCheck;
import io.gpudoctor.agent.host.engines.ToolkitInstalledCheck;
import io.gpudoctor.agent.host.gpuarch.GpuArchitectureCheck;
import io.gpudoctor.agent.host.kmsg.KernelLogProbe;
import io.gpudoctor.agent.host.node.CgroupProbe;
import io.gpudoctor.agent.host.node.CgroupToolkitCheck;
import io.gpudoctor.agent.host.node.DevicePluginCheck;
import io.gpudoctor.agent.host.node.KubeletProbe;
import io.gpudoctor.agent.host.node.SelinuxCheck;
import io.gpudoctor.agent.host.node.SelinuxProbe;
import io.gpudoctor.agent.host.packages.InstalledPackagesProbe;
import io.gpudoctor.agent.host.proc.ProcessTableProbe;
import io.gpudoctor.agent.host.toolkit.ToolkitProbe;
import io.gpudoctor.agent.host.toolkit.ToolkitVulnerabilityCheck;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every probe and every check of gpu-doctor, and the finding codes each check can raise: the one
 * list to read top to bottom (node_exporter's and gpud's single list are the models). Adding a
 * check is one line here (docs/design.md, "Adding a check"); a test holds every
 * {@link FindingCode} to exactly one check below, except {@link FindingCode#CHECK_FAILED}, which
 * the diagnosis engine itself raises for a probe or check that failed.
 */
public final class CheckRegistry {

    private CheckRegistry() {
    }

    /** What a probe or check is about; tests of one concern run that concern's part of the list. */
    public enum Concern { HOST, DRIVER, ENGINES, CDI, NODE, COMPAT, AGENT }

    /** A probe and its concern. */
    public record Probe(Concern concern, HostProbe<?> probe) {
    }

    /** A host check, its concern and every code it can raise. */
    public record HostCheck(Concern concern, Check check, Set<FindingCode> codes) {

        public HostCheck {
            codes = Set.copyOf(codes);
        }
    }

    /** A container check and every code it can raise. */
    public record ContainerCheckEntry(ContainerCheck check, Set<FindingCode> codes) {

        public ContainerCheckEntry {
            codes = Set.copyOf(codes);
        }
    }

    /**
     * The probes, in the order they run: a probe may use the facts of those before it (the
     * package database, the process table).
     *
     * @param kernelLog a file to read the kernel log from ({@code --kmsg.path}); empty for {@code /dev/kmsg}
     */
    public static List<Probe> probes(Optional<Path> kernelLog) {
        return List.of(
                new Probe(Concern.HOST, new HostIdentityProbe()),
                new Probe(Concern.HOST, new ProcessTableProbe()),
                new Probe(Concern.HOST, new InstalledPackagesProbe()),
                new Probe(Concern.DRIVER, new KernelModuleProbe()),
                new Probe(Concern.DRIVER, new PciDevicesProbe()),
                new Probe(Concern.DRIVER, new DeviceNodesProbe()),
                new Probe(Concern.DRIVER, new MigCapabilitiesProbe()),
                new Probe(Concern.DRIVER, new KernelLogProbe(kernelLog)),
                new Probe(Concern.ENGINES, new HostDeviceProbe()),
                new Probe(Concern.ENGINES, new KubernetesProbe()),
                new Probe(Concern.ENGINES, new ToolkitProbe()),
                new Probe(Concern.ENGINES, new DockerProbe()),
                new Probe(Concern.ENGINES, new ContainerdProbe()),
                new Probe(Concern.ENGINES, new CrioProbe()),
                new Probe(Concern.CDI, new CdiSpecProbe()),
                new Probe(Concern.NODE, new KubeletProbe()),
                new Probe(Concern.NODE, new CgroupProbe()),
                new Probe(Concern.NODE, new SelinuxProbe()));
    }

    /** The host checks, in the order their findings are listed within a severity. */
    public static List<HostCheck> hostChecks() {
        return List.of(
                // The driver and the GPUs
                host(Concern.DRIVER, new DriverPresenceCheck(), NO_NVIDIA_GPU, DRIVER_NOT_INSTALLED,
                        KERNEL_MODULE_NOT_LOADED),
                host(Concern.DRIVER, new NouveauCheck(), NOUVEAU_LOADED),
                host(Concern.DRIVER, new DriverMismatchCheck(), DRIVER_LIBRARY_MISMATCH),
                host(Concern.DRIVER, new NvmlInitCheck(), NVML_INIT_FAILED),
                host(Concern.DRIVER, new CudaInitCheck(), CUDA_INIT_FAILED),
                host(Concern.DRIVER, new DeviceNodesCheck(), DEVICE_NODES_MISSING),
                host(Concern.DRIVER, new UvmCheck(), UVM_NOT_LOADED),
                host(Concern.DRIVER, new PersistenceModeCheck(), PERSISTENCE_MODE_OFF),
                host(Concern.DRIVER, new FabricManagerCheck(), FABRIC_MANAGER_NOT_RUNNING),
                host(Concern.DRIVER, new MigInstancesCheck(), MIG_ENABLED_NO_INSTANCES),
                host(Concern.DRIVER, new GpuLostCheck(), GPU_LOST),
                host(Concern.DRIVER, new NvmlHungCheck(), NVML_CALL_HUNG),
                host(Concern.DRIVER, new XidCheck(), XID_ERROR),
                host(Concern.DRIVER, new EccCheck(), ECC_UNCORRECTABLE_ERRORS),
                host(Concern.DRIVER, new RowRemapCheck(), ROW_REMAP_FAILURE),
                host(Concern.DRIVER, new ThrottleCheck(), GPU_THROTTLED),
                // The hardware's health: links, the bus, the fabric, pending repairs
                host(Concern.DRIVER, new NvLinkDownCheck(), NVLINK_DOWN),
                host(Concern.DRIVER, new NvLinkErrorsCheck(), NVLINK_ERRORS),
                host(Concern.DRIVER, new PcieLinkCheck(), PCIE_LINK_DEGRADED),
                host(Concern.DRIVER, new GpuCountCheck(), GPU_COUNT_BELOW_EXPECTED),
                host(Concern.DRIVER, new NvSwitchSxidCheck(), NVSWITCH_SXID),
                host(Concern.DRIVER, new GpuResetRequiredCheck(), GPU_RESET_REQUIRED),
                // The container toolkit and the engines
                host(Concern.ENGINES, new ToolkitInstalledCheck(), TOOLKIT_NOT_INSTALLED),
                host(Concern.ENGINES, new ToolkitConfigCheck(), TOOLKIT_CONFIG_INVALID),
                host(Concern.ENGINES, new ToolkitVulnerabilityCheck(), TOOLKIT_VULNERABLE),
                host(Concern.ENGINES, new DockerConfigCheck(), DOCKER_CONFIG_INVALID),
                host(Concern.ENGINES, new DockerRuntimeCheck(), DOCKER_RUNTIME_NOT_CONFIGURED),
                host(Concern.ENGINES, new DockerRestartCheck(), DOCKER_RESTART_PENDING),
                host(Concern.ENGINES, new ContainerdConfigCheck(), CONTAINERD_CONFIG_INVALID),
                host(Concern.ENGINES, new ContainerdRuntimeCheck(), CONTAINERD_RUNTIME_NOT_CONFIGURED),
                host(Concern.ENGINES, new CrioConfigCheck(), CRIO_CONFIG_INVALID),
                host(Concern.ENGINES, new CrioRuntimeCheck(), CRIO_RUNTIME_NOT_CONFIGURED),
                host(Concern.ENGINES, new DefaultRuntimeCheck(), NVIDIA_RUNTIME_NOT_DEFAULT),
                host(Concern.ENGINES, new CgroupDeviceAccessCheck(), CGROUP_DEVICE_ACCESS_AT_RISK),
                host(Concern.ENGINES, new CdiSpecMissingCheck(), CDI_SPEC_MISSING),
                // CDI specs
                host(Concern.CDI, new CdiSpecInvalidCheck(), CDI_SPEC_INVALID),
                host(Concern.CDI, new CdiSpecStaleCheck(), CDI_SPEC_STALE),
                // Kubernetes and the node's kernel settings
                host(Concern.NODE, new DevicePluginCheck(), DEVICE_PLUGIN_NOT_RUNNING),
                host(Concern.NODE, new CgroupToolkitCheck(), CGROUP_V2_TOOLKIT_TOO_OLD),
                host(Concern.NODE, new SelinuxCheck(), SELINUX_ENFORCING),
                // The GPUs against the driver branch, and gpu-doctor's own files
                host(Concern.COMPAT, new GpuArchitectureCheck(), GPU_ARCH_UNSUPPORTED_BY_DRIVER),
                host(Concern.AGENT, new AgentFilesCheck(), AGENT_CONFIG_INSECURE));
    }

    /** The container checks, in the order their findings are listed within a severity. */
    public static List<ContainerCheckEntry> containerChecks() {
        return List.of(
                // First: what could not be read is said before anything is judged from it.
                container(new ReadAccessCheck(), CONTAINER_NOT_READABLE),
                container(new InjectionCheck(), CONTAINER_NO_GPU_INJECTED, CONTAINER_DEVICE_NODES_MISSING),
                container(new VisibleDevicesCheck(), CONTAINER_VISIBLE_DEVICES_DISABLED,
                        CONTAINER_VISIBLE_DEVICES_UNKNOWN, CONTAINER_CUDA_VISIBLE_DEVICES_HIDES_ALL),
                container(new DriverCapabilitiesCheck(), CONTAINER_DRIVER_CAPABILITIES_MISSING),
                container(new LibcudaCheck(), CONTAINER_STUB_LIBCUDA, CONTAINER_BUNDLED_DRIVER_LIBS,
                        CONTAINER_LIBCUDA_MISSING, CONTAINER_MUSL_LIBC),
                container(new ForwardCompatCheck(), CUDA_FORWARD_COMPAT, CUDA_FORWARD_COMPAT_UNSUPPORTED),
                // The CUDA the workload needs against the driver, through the compatibility rules (compat/).
                container(new WorkloadCudaCheck(), CONTAINER_CPU_ONLY_FRAMEWORK, CONTAINER_REQUIRE_CUDA_UNSATISFIED,
                        CUDA_DRIVER_TOO_OLD, CUDA_MINOR_VERSION_COMPAT, GPU_ARCH_NOT_IN_BUILD,
                        GPU_ARCH_UNSUPPORTED_BY_CUDA),
                container(new SharedMemoryCheck(), CONTAINER_SHM_TOO_SMALL),
                container(new LockedMemoryCheck(), CONTAINER_MEMLOCK_LIMITED),
                container(new GpuSharingCheck(), GPU_SHARED_BY_CONTAINERS));
    }

    /** The probes of the given concerns, in order. */
    public static List<HostProbe<?>> probesOf(Optional<Path> kernelLog, Concern... concerns) {
        Set<Concern> wanted = EnumSet.of(concerns[0], concerns);
        return probes(kernelLog).stream().filter(p -> wanted.contains(p.concern())).<HostProbe<?>>map(Probe::probe)
                .toList();
    }

    /** The host checks of the given concerns, in order. */
    public static List<Check> checksOf(Concern... concerns) {
        Set<Concern> wanted = EnumSet.of(concerns[0], concerns);
        return hostChecks().stream().filter(c -> wanted.contains(c.concern())).map(HostCheck::check).toList();
    }

    private static HostCheck host(Concern concern, Check check, FindingCode... codes) {
        return new HostCheck(concern, check, Set.of(codes));
    }

    private static ContainerCheckEntry container(ContainerCheck check, FindingCode... codes) {
        return new ContainerCheckEntry(check, Set.of(codes));
    }
}
