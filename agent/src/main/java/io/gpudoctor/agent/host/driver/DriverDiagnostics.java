package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.HostProbe;
import io.gpudoctor.agent.host.kmsg.KernelLogProbe;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The driver concern's probes and checks, for the host diagnosis to list: is there a GPU, is its
 * driver installed, loaded and consistent, are its nodes and helpers in place, and is each GPU
 * healthy (lost, Xids, ECC, row remapping, throttling, NVLink, PCIe link, missing GPUs, NVSwitch
 * errors, pending resets).
 */
public final class DriverDiagnostics {

    private DriverDiagnostics() {
    }

    /** The probes, reading the host's {@code /dev/kmsg}. */
    public static List<HostProbe<?>> probes() {
        return probes(Optional.empty());
    }

    /** The probes; {@code kernelLog} is a log file to read instead of {@code /dev/kmsg} ({@code --kmsg.path}). */
    public static List<HostProbe<?>> probes(Optional<Path> kernelLog) {
        return List.of(new KernelModuleProbe(), new PciDevicesProbe(), new DeviceNodesProbe(),
                new MigCapabilitiesProbe(), new KernelLogProbe(kernelLog));
    }

    public static List<Check> checks() {
        return List.of(new DriverPresenceCheck(), new NouveauCheck(), new DriverMismatchCheck(), new NvmlInitCheck(),
                new CudaInitCheck(), new DeviceNodesCheck(), new UvmCheck(), new PersistenceModeCheck(),
                new FabricManagerCheck(), new MigInstancesCheck(), new GpuLostCheck(), new NvmlHungCheck(),
                new XidCheck(), new EccCheck(), new RowRemapCheck(), new ThrottleCheck(), new NvLinkDownCheck(),
                new NvLinkErrorsCheck(), new PcieLinkCheck(), new GpuCountCheck(), new NvSwitchSxidCheck(),
                new GpuResetRequiredCheck());
    }
}
