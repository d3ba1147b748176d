package io.gpudoctor.agent.web.page;

import io.gpudoctor.agent.diagnosis.Evidence;
import io.gpudoctor.agent.diagnosis.Finding;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which host findings concern which GPU, so a GPU's card shows its own faults. Findings name their
 * GPU in the title ("GPU 2 (…) is lost", "Xid 48 … on GPU 1 (…)"), the way every per-GPU check
 * writes it; a finding that names no GPU concerns the node and stays in the findings list only.
 */
final class GpuFindings {

    private static final Pattern PCI_ADDRESS = Pattern.compile(
            "\\b([0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7])\\b");

    private final List<Finding> findings;

    GpuFindings(List<Finding> findings) {
        this.findings = List.copyOf(findings);
    }

    /** The findings whose title names GPU {@code index}. */
    List<Finding> of(int index) {
        Pattern gpu = Pattern.compile("\\bGPU " + index + "\\b");
        return findings.stream().filter(f -> gpu.matcher(f.title()).find()).toList();
    }

    /**
     * The PCI address the findings of GPU {@code index} name (in their title, detail or evidence):
     * a lost GPU no longer tells NVML its address, but the kernel log the finding quotes does.
     */
    Optional<String> pciAddressOf(int index) {
        for (Finding f : of(index)) {
            StringBuilder text = new StringBuilder(f.title()).append('\n').append(f.detail());
            for (Evidence e : f.evidence()) {
                text.append('\n').append(e.observed());
            }
            Matcher m = PCI_ADDRESS.matcher(text);
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }
}
