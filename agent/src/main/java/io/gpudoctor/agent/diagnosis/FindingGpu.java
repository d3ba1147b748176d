package io.gpudoctor.agent.diagnosis;

import java.util.Optional;

/**
 * The GPU a finding concerns, as far as it is known: a GPU NVML reads has its index and UUID; one
 * that only the kernel log names has its PCI address only. In JSON {@code gpu: {index, uuid, pciBusId}}.
 *
 * @param index    NVML's index, as {@code nvidia-smi -i} takes it
 * @param pciBusId as NVML or the kernel log wrote it ({@code 00000000:3A:00.0}, {@code 0000:3a:00.0})
 */
public record FindingGpu(Optional<Integer> index, Optional<String> uuid, Optional<String> pciBusId) {

    /** The GPU at NVML index {@code index}. */
    public static FindingGpu of(int index, Optional<String> uuid, Optional<String> pciBusId) {
        return new FindingGpu(Optional.of(index), uuid, pciBusId);
    }

    /** A GPU known by its PCI address only. */
    public static FindingGpu atAddress(String pciBusId) {
        return new FindingGpu(Optional.empty(), Optional.empty(), Optional.of(pciBusId));
    }
}
