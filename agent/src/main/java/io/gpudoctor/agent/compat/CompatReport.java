package io.gpudoctor.agent.compat;

import io.gpudoctor.agent.diagnosis.Severity;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The answer to "can driver D run CUDA X.Y on this GPU?": the driver decision and the GPU
 * architecture findings. {@link #document()} is its JSON shape, {@code gpu-doctor/compat/v1}.
 */
public record CompatReport(DriverVersion driver, ToolkitVersion cuda, String toolkitRelease, Optional<GpuModel> gpu,
        CompatibilityAnswer answer, List<CompatFinding> architecture) {

    public static final String SCHEMA = "gpu-doctor/compat/v1";

    public CompatReport {
        architecture = List.copyOf(architecture);
    }

    /** The worst severity of the answer and the architecture findings. */
    public Severity severity() {
        return architecture.stream().map(CompatFinding::severity).reduce(answer.severity(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }

    /** Every finding, most severe first (the driver answer before architecture findings of equal severity). */
    public List<CompatFinding> findings() {
        List<CompatFinding> findings = new ArrayList<>();
        answer.asFinding().ifPresent(findings::add);
        findings.addAll(architecture);
        findings.sort(Comparator.comparing(CompatFinding::severity).reversed());
        return List.copyOf(findings);
    }

    /**
     * The JSON document:
     * <pre>
     * {"schema": "gpu-doctor/compat/v1",
     *  "query": {"driver": "535.161.07", "cuda": "12.8", "toolkitRelease": "12.8 GA",
     *            "gpu": {"name": "H100", "computeCapability": "9.0", "class": "datacenter"} | null},
     *  "verdict": "COMPATIBLE | COMPATIBLE_MINOR_VERSION | FORWARD_COMPAT | INCOMPATIBLE",
     *  "severity": "info | warn | error",
     *  "answer": {"verdict", "findingCode" (null when fully compatible), "severity", "title", "detail", "fix",
     *             "sources": [{"id", "title", "url", "confirmed"}]},
     *  "findings": [{"code", "severity", "title", "detail", "fix", "sources"}]}
     * </pre>
     * {@code findings} holds the answer's finding (if any) and the architecture findings, most severe first.
     */
    public Document document() {
        Optional<Document.Gpu> gpuDocument = gpu.map(g -> new Document.Gpu(g.name(),
                g.computeCapability().toString(), g.gpuClass()));
        return new Document(SCHEMA, new Document.Query(driver.text(), cuda.toString(), toolkitRelease, gpuDocument),
                answer.verdict(), severity(), answer, findings());
    }

    /** The JSON shape of a report; see {@link CompatReport#document()}. */
    public record Document(String schema, Query query, Verdict verdict, Severity severity, CompatibilityAnswer answer,
            List<CompatFinding> findings) {

        /** What was asked. */
        public record Query(String driver, String cuda, String toolkitRelease, Optional<Gpu> gpu) {
        }

        /** The GPU the question was about. */
        public record Gpu(String name, String computeCapability, @JsonProperty("class") GpuClass gpuClass) {
        }
    }
}
