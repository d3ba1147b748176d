package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import java.util.List;

/**
 * nvidia-uvm is not loaded or its node is missing: nvidia-smi works, but every CUDA program fails
 * with error 999 ("unknown error"), the most confusing symptom there is.
 */
public final class UvmCheck implements Check {

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        DriverState s = DriverState.of(facts);
        if (!missing(s)) {
            return List.of();
        }
        Finding.Builder f = Finding.of(FindingCode.UVM_NOT_LOADED, Severity.ERROR)
                .title("nvidia-uvm is not available: CUDA fails with error 999 while nvidia-smi works")
                .detail("CUDA needs the nvidia-uvm module and /dev/nvidia-uvm for its unified memory; NVML does"
                        + " not, so the GPU looks healthy to nvidia-smi. The module is loaded on demand by"
                        + " nvidia-modprobe, which containers and hardened hosts often lack.");
        if (!s.module.uvmLoaded()) {
            f.evidence("/proc/devices", "no nvidia-uvm");
        }
        if (s.nodes.node("/dev/nvidia-uvm").isEmpty()) {
            f.evidence("/dev/nvidia-uvm", "missing");
        }
        return List.of(f.evidence("cuInit", s.inventory.cuda().initResult())
                .fix("Load it and create its nodes: `sudo nvidia-modprobe -u -c=0`; keep `load-kmods = true` in"
                        + " /etc/nvidia-container-runtime/config.toml, or load it at boot with `echo nvidia-uvm |"
                        + " sudo tee /etc/modules-load.d/nvidia-uvm.conf`.")
                .build());
    }

    /** Only when the files show the nvidia module (so they are the host's) and lack uvm. */
    static boolean missing(DriverState s) {
        if (!s.module.nvidiaLoaded()) {
            return false;
        }
        boolean listed = s.module.devicesListed() || s.module.modulesListed();
        boolean notLoaded = listed && !s.module.uvmLoaded();
        boolean noNode = s.nodes.node("/dev/nvidiactl").isPresent() && s.nodes.node("/dev/nvidia-uvm").isEmpty();
        return notLoaded || noNode;
    }
}
