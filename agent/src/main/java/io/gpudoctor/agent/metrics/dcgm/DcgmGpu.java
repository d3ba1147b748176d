package io.gpudoctor.agent.metrics.dcgm;

import io.gpudoctor.agent.collect.XidCount;
import io.gpudoctor.agent.gpus.GpuReading;
import java.util.List;

/**
 * What the DCGM fields of one GPU are read from: its reading, and the Xids counted on it.
 *
 * @param xids the GPU's Xid counts since the daemon started, by Xid
 */
public record DcgmGpu(GpuReading reading, List<XidCount> xids) {

    public DcgmGpu {
        xids = List.copyOf(xids);
    }
}
