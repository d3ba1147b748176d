package io.gpudoctor.agent.collect;

import io.gpudoctor.agent.gpus.DriverQueries;
import io.gpudoctor.agent.gpus.GpuInventory;
import io.gpudoctor.cuda.CudaDriver;
import java.util.Optional;

/**
 * What libcuda says (its version and cuInit's result), read once and again only when the driver
 * may have changed: when NVML starts again after being down, or a stuck call returned. cuInit
 * cannot be undone in a process, so asking it every cycle would tell nothing new.
 */
final class CudaStateReader {

    private final Optional<CudaDriver> cuda;
    private final NativeLane lane;
    private GpuInventory.CudaState state = DriverQueries.cudaNotLoaded();
    private boolean due = true;

    CudaStateReader(Optional<CudaDriver> cuda, NativeLane lane) {
        this.cuda = cuda;
        this.lane = lane;
    }

    /** The CUDA state, read now when due and the lane is free, else as last read. */
    GpuInventory.CudaState read() {
        if (cuda.isEmpty()) {
            return state;
        }
        if (lane.renewIfStuckCallReturned().isPresent()) {
            due = true;
        }
        if (due && lane.stuckCall().isEmpty()) {
            state = DriverQueries.cuda(cuda.get(), lane.caller());
            due = false;
        }
        return state;
    }

    /** Reads again at the next {@link #read()}: the driver may have changed. */
    void again() {
        due = true;
    }
}
