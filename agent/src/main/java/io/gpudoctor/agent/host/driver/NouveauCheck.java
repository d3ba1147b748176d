package io.gpudoctor.agent.host.driver;

import io.gpudoctor.agent.diagnosis.Check;
import io.gpudoctor.agent.diagnosis.Finding;
import io.gpudoctor.agent.diagnosis.FindingCode;
import io.gpudoctor.agent.diagnosis.HostFacts;
import io.gpudoctor.agent.diagnosis.Severity;
import java.util.List;

/**
 * The open-source nouveau driver is loaded: it claims NVIDIA GPUs before the nvidia module can,
 * which is an error while nvidia is not loaded and a risk (a GPU it may take at the next boot)
 * while it is.
 */
public final class NouveauCheck implements Check {

    @Override
    public List<Finding> evaluate(HostFacts facts) {
        DriverState s = DriverState.of(facts);
        if (!s.module.nouveauLoaded()) {
            return List.of();
        }
        boolean blocking = !s.moduleLoaded();
        return List.of(Finding.of(FindingCode.NOUVEAU_LOADED, blocking ? Severity.ERROR : Severity.WARN)
                .title(blocking ? "The nouveau driver is loaded and holds the GPU, so the nvidia module cannot"
                        : "The nouveau driver is loaded next to the nvidia module")
                .detail("nouveau and nvidia cannot both drive a GPU; whichever loads first wins. NVIDIA's"
                        + " installer blacklists nouveau, but the initramfs must be rebuilt for that to take"
                        + " effect at boot.")
                .evidence(s.module.modules().contains("nouveau") ? "/proc/modules" : "/sys/module/nouveau",
                        "nouveau loaded")
                .fix("Blacklist it: `printf 'blacklist nouveau\\noptions nouveau modeset=0\\n' | sudo tee"
                        + " /etc/modprobe.d/blacklist-nouveau.conf`, then `sudo update-initramfs -u` (or"
                        + " `sudo dracut -f`) and reboot.")
                .build());
    }
}
