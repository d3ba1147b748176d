package io.gpudoctor.simulate;

import io.gpudoctor.cuda.CuResult;
import io.gpudoctor.nvml.NvmlReturn;
import io.gpudoctor.nvml.XidEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A simulated host's driver: versions, whether NVML and CUDA initialise, the GPUs, the faults in
 * force from the start, and the Xid events waiting to be read. Immutable; {@link SimulatedNvml}
 * keeps what changes at run time.
 *
 * @param driverVersion     e.g. {@code 550.90.07}
 * @param cudaDriverVersion e.g. 12040 for CUDA 12.4
 * @param nvmlInitError     what {@code nvmlInit_v2} fails with; empty when it succeeds
 * @param gpus              indexed 0, 1, 2 ... in order
 */
public record Scenario(String name, String driverVersion, int cudaDriverVersion, Optional<NvmlReturn> nvmlInitError,
                       CuResult cuInitResult, List<SimulatedGpu> gpus, List<SimulatedFault> faults,
                       List<XidEvent> pendingXids) {

    private static final Pattern DRIVER_VERSION = Pattern.compile("\\d+\\.\\d+(\\.\\d+)?");

    public Scenario {
        Objects.requireNonNull(nvmlInitError, "nvmlInitError");
        Objects.requireNonNull(cuInitResult, "cuInitResult");
        gpus = List.copyOf(gpus);
        faults = List.copyOf(faults);
        pendingXids = List.copyOf(pendingXids);
        check(name != null && !name.isBlank(), "a scenario needs a name");
        check(driverVersion != null && DRIVER_VERSION.matcher(driverVersion).matches(),
                "driver version must look like 550.90.07, not " + driverVersion);
        check(cudaDriverVersion >= 1000 && cudaDriverVersion % 10 == 0,
                "CUDA driver version must look like 12040 (12.4), not " + cudaDriverVersion);
        check(nvmlInitError.filter(e -> e == NvmlReturn.SUCCESS).isEmpty(), "nvmlInitError cannot be SUCCESS");
        Set<String> uuids = new HashSet<>();
        Set<String> busIds = new HashSet<>();
        Set<Integer> minors = new HashSet<>();
        for (int i = 0; i < gpus.size(); i++) {
            SimulatedGpu gpu = gpus.get(i);
            check(gpu.index() == i, "GPU at position " + i + " has index " + gpu.index());
            check(uuids.add(gpu.uuid()), "GPU " + i + ": uuid " + gpu.uuid() + " is used twice");
            check(busIds.add(gpu.pciBusId()), "GPU " + i + ": PCI bus id " + gpu.pciBusId() + " is used twice");
            check(minors.add(gpu.minorNumber()), "GPU " + i + ": minor number " + gpu.minorNumber() + " is used twice");
        }
        int count = gpus.size();
        for (SimulatedFault f : faults) {
            f.gpu().ifPresent(g -> check(g < count, "fault on GPU " + g + ", but there are " + count + " GPUs"));
        }
        for (XidEvent x : pendingXids) {
            check(x.gpuIndex() >= 0 && x.gpuIndex() < count,
                    "Xid " + x.xid() + " on GPU " + x.gpuIndex() + ", but there are " + count + " GPUs");
        }
    }

    /** A scenario with these GPUs, healthy, on driver 550.90.07 (CUDA 12.4) unless told otherwise. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Assembles a scenario in code, mostly for tests. */
    public static final class Builder {
        private final String name;
        private String driverVersion = "550.90.07";
        private int cudaDriverVersion = 12040;
        private Optional<NvmlReturn> nvmlInitError = Optional.empty();
        private Optional<CuResult> cuInitResult = Optional.empty();
        private final List<SimulatedGpu> gpus = new ArrayList<>();
        private final List<SimulatedFault> faults = new ArrayList<>();
        private final List<XidEvent> xids = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder driver(String version, int cudaVersion) {
            driverVersion = version;
            cudaDriverVersion = cudaVersion;
            return this;
        }

        public Builder nvmlInitError(NvmlReturn error) {
            nvmlInitError = Optional.of(error);
            return this;
        }

        public Builder cuInitResult(CuResult result) {
            cuInitResult = Optional.of(result);
            return this;
        }

        /** Adds {@code count} GPUs of {@code model} with every value derived from the model. */
        public Builder gpus(GpuModel model, int count) {
            for (int i = 0; i < count; i++) {
                gpus.add(SimulatedGpu.builder(model, gpus.size()).build());
            }
            return this;
        }

        /** Adds a GPU; {@code build} receives the index it gets. */
        public Builder gpu(GpuModel model, UnaryOperator<SimulatedGpu.Builder> build) {
            gpus.add(build.apply(SimulatedGpu.builder(model, gpus.size())).build());
            return this;
        }

        public Builder fault(SimulatedFault fault) {
            faults.add(fault);
            return this;
        }

        public Builder xid(int gpu, long xid) {
            xids.add(new XidEvent(gpu, xid));
            return this;
        }

        /** cuInit's result defaults to what a real driver gives: success, or NO_DEVICE without GPUs. */
        public Scenario build() {
            CuResult cuInit = cuInitResult.orElse(gpus.isEmpty() ? CuResult.NO_DEVICE : CuResult.SUCCESS);
            return new Scenario(name, driverVersion, cudaDriverVersion, nvmlInitError, cuInit, gpus, faults, xids);
        }
    }
}
