package io.gpudoctor.agent.host.crio;

import java.util.Optional;

/** One {@code [crio.runtime.runtimes.<name>]} entry. */
public record CrioRuntime(String name, Optional<String> runtimePath, Optional<String> runtimeType) {

    /** Whether this runtime injects GPUs: named nvidia, or calling an nvidia-container-runtime. */
    public boolean isNvidia() {
        return name.equals("nvidia") || runtimePath.map(p -> p.contains("nvidia-container-runtime")).orElse(false);
    }
}
