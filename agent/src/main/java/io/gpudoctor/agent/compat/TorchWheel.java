package io.gpudoctor.agent.compat;

import java.util.Optional;

/**
 * A CUDA variant of the PyTorch wheels ({@code cu128}) and, where known, the GPU architectures
 * built into it; the fixes point at these.
 */
public record TorchWheel(String variant, ToolkitVersion cuda, Optional<BuildArchitectures> architectures) {

    public TorchWheel {
        // Absent keys arrive as null from the YAML file.
        architectures = architectures == null ? Optional.empty() : architectures;
    }

    public String installCommand() {
        return "pip install torch --index-url https://download.pytorch.org/whl/" + variant;
    }
}
