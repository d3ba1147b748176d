package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.FindingGpu;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.driver.LibraryReport;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.agent.gpus.GpuReading;
import io.gpudoctor.agent.gpus.PciAddress;
import io.gpudoctor.agent.host.kmsg.KernelLog;
import io.gpudoctor.agent.host.kmsg.KernelLogEvents;
import io.gpudoctor.locate.LibraryCandidate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The driver's facts read together, with the conclusions several checks share, so that a check
 * that must not repeat another's finding asks the same question the other one does. A probe that
 * failed leaves its facts "unknown", read here as empty.
 */
final class DriverState {

    static final String NVML_SUCCESS = "NVML_SUCCESS";
    static final String LIBRARY_NOT_LOADED = "LIBRARY_NOT_LOADED";

    final GpuInventory inventory;
    final KernelModuleFacts module;
    final PciDevices pci;
    final DeviceNodes nodes;
    final MigCapabilities mig;
    final KernelLog kernelLog;

    private DriverState(HostFacts facts) {
        inventory = facts.get(GpuInventory.class);
        module = facts.find(KernelModuleFacts.class).orElse(new KernelModuleFacts(Optional.empty(), "", Set.of(),
                false, Set.of(), Map.of(), false, List.of()));
        pci = facts.find(PciDevices.class).orElse(new PciDevices(false, List.of()));
        nodes = facts.find(DeviceNodes.class).orElse(new DeviceNodes(Map.of()));
        mig = facts.find(MigCapabilities.class).orElse(new MigCapabilities(Map.of()));
        kernelLog = facts.find(KernelLog.class)
                .orElse(new KernelLog("/dev/kmsg", Optional.of("not read"), KernelLogEvents.NONE));
    }

    static DriverState of(HostFacts facts) {
        return new DriverState(facts);
    }

    String nvmlStatus() {
        return inventory.nvml().status();
    }

    boolean nvmlWorks() {
        return nvmlStatus().equals(NVML_SUCCESS);
    }

    /** NVML cannot initialise without the module, so a working NVML proves it loaded. */
    boolean moduleLoaded() {
        return module.nvidiaLoaded() || nvmlWorks();
    }

    /** The PCI bus was readable and neither it, the module nor NVML knows of any NVIDIA GPU. */
    boolean noGpu() {
        return pci.scanned() && pci.gpus().isEmpty() && module.gpus().isEmpty() && inventory.gpus().isEmpty();
    }

    boolean simulated() {
        return inventory.libraries().nvml().requested().equals("simulated");
    }

    /** Whether the libraries were looked for at all ({@code --nvml.library none} skips the search). */
    boolean librariesSearched() {
        return !inventory.libraries().nvml().requested().equals("none");
    }

    boolean librariesFound() {
        return simulated() || inventory.libraries().nvml().chosen().isPresent()
                || inventory.libraries().cuda().chosen().isPresent();
    }

    /** Every library candidate with a driver version in its file name (libnvidia-ml, then libcuda). */
    List<LibraryCandidate> versionedLibraries() {
        return Stream.of(inventory.libraries().nvml(), inventory.libraries().cuda())
                .map(LibraryReport::candidates)
                .flatMap(List::stream)
                .filter(c -> c.version().isPresent())
                .toList();
    }

    /** The driver version of the userspace library in use: the chosen libnvidia-ml's, else libcuda's. */
    Optional<LibraryCandidate> chosenLibrary() {
        return inventory.libraries().nvml().chosen().filter(c -> c.version().isPresent())
                .or(() -> inventory.libraries().cuda().chosen().filter(c -> c.version().isPresent()));
    }

    Optional<String> userspaceVersion() {
        return chosenLibrary().flatMap(LibraryCandidate::version);
    }

    /** The kernel module and the userspace library in use are of different driver versions. */
    boolean versionsDiffer() {
        return module.version().isPresent() && userspaceVersion().isPresent()
                && !module.version().equals(userspaceVersion());
    }

    /** The GPU NVML or the module knows at a PCI address, described for a person. */
    String describeGpuAt(String address) {
        Optional<String> key = PciAddress.key(address);
        Optional<GpuReading> reading = inventory.gpus().stream()
                .filter(g -> g.pciBusId().flatMap(PciAddress::key).equals(key) && key.isPresent())
                .findFirst();
        if (reading.isPresent()) {
            return describe(reading.get());
        }
        return module.gpus().stream()
                .filter(g -> key.isPresent() && g.busLocation().flatMap(PciAddress::key).equals(key))
                .findFirst()
                .map(g -> "GPU " + g.deviceMinor().map(String::valueOf).orElse("?") + " ("
                        + g.model().orElse("NVIDIA GPU") + ", PCI " + address + ")")
                .orElse("the GPU at PCI " + address);
    }

    /** The NVML reading of the GPU at this PCI address, when NVML read one. */
    Optional<GpuReading> readingAt(String address) {
        Optional<String> key = PciAddress.key(address);
        return inventory.gpus().stream()
                .filter(g -> key.isPresent() && g.pciBusId().flatMap(PciAddress::key).equals(key))
                .findFirst();
    }

    /** The GPU of a reading, as a finding names it. */
    static FindingGpu findingGpu(GpuReading gpu) {
        return FindingGpu.of(gpu.index(), gpu.uuid(), gpu.pciBusId());
    }

    /** The GPU at a PCI address: NVML's reading of it when there is one, else the address alone. */
    FindingGpu findingGpuAt(String address) {
        return readingAt(address).map(DriverState::findingGpu).orElseGet(() -> FindingGpu.atAddress(address));
    }

    static String describe(GpuReading gpu) {
        return "GPU " + gpu.index() + " (" + gpu.name().orElse("NVIDIA GPU")
                + gpu.pciBusId().map(b -> ", PCI " + b).orElse("") + ")";
    }
}
