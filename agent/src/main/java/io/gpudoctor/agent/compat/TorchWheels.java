package io.gpudoctor.agent.compat;

import io.gpudoctor.nvml.ComputeCapability;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The CUDA variants of the PyTorch wheels, for fixes that name a concrete {@code pip install}. */
public record TorchWheels(List<TorchWheel> variants, List<String> sources) {

    public TorchWheels {
        variants = List.copyOf(variants);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** The newest variant built for CUDA {@code ceiling} or older. */
    public Optional<TorchWheel> newestUpTo(ToolkitVersion ceiling) {
        return variants.stream()
                .filter(wheel -> wheel.cuda().compareMinorRelease(ceiling) <= 0)
                .max(Comparator.comparing(TorchWheel::cuda, ToolkitVersion::compareMinorRelease));
    }

    /** The variants whose known architecture list runs on the GPU, oldest CUDA first (variants with no list are skipped). */
    public List<TorchWheel> runningOn(ComputeCapability gpu) {
        return variants.stream()
                .filter(wheel -> wheel.architectures().map(build -> build.runsOn(gpu)).orElse(false))
                .sorted(Comparator.comparing(TorchWheel::cuda, ToolkitVersion::compareMinorRelease))
                .toList();
    }
}
