package io.gpudoctor.agent.diagnosis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing found wrong (or worth knowing), with the evidence it rests on and the fix. The JSON
 * shape is docs/design.md's: {@code code, severity, scope, title, detail, evidence[], fix}, and {@code gpu}
 * only when the finding concerns one GPU (so that metrics and readers can tell which one to drain).
 */
public record Finding(FindingCode code, Severity severity, Scope scope, String title, String detail,
                      List<Evidence> evidence, String fix,
                      @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<FindingGpu> gpu) {

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(gpu, "gpu");
        evidence = List.copyOf(evidence);
    }

    /** Starts a finding of this code and severity, in the code's default scope. */
    public static Builder of(FindingCode code, Severity severity) {
        return new Builder(code, severity);
    }

    /** Builds a {@link Finding}; title and fix are required, so a finding never ships without its fix. */
    public static final class Builder {
        private final FindingCode code;
        private final Severity severity;
        private Scope scope;
        private String title = "";
        private String detail = "";
        private String fix = "";
        private Optional<FindingGpu> gpu = Optional.empty();
        private final List<Evidence> evidence = new ArrayList<>();

        private Builder(FindingCode code, Severity severity) {
            this.code = code;
            this.severity = severity;
            this.scope = code.defaultScope();
        }

        public Builder scope(Scope scope) {
            this.scope = scope;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder detail(String detail) {
            this.detail = detail;
            return this;
        }

        public Builder evidence(String source, String observed) {
            evidence.add(new Evidence(source, observed));
            return this;
        }

        public Builder evidence(List<Evidence> more) {
            evidence.addAll(more);
            return this;
        }

        /** The GPU the finding concerns. */
        public Builder gpu(FindingGpu gpu) {
            this.gpu = Optional.of(gpu);
            return this;
        }

        public Builder fix(String fix) {
            this.fix = fix;
            return this;
        }

        public Finding build() {
            if (title.isBlank() || fix.isBlank()) {
                throw new IllegalStateException(code + ": a finding needs a title and a fix");
            }
            return new Finding(code, severity, scope, title, detail, evidence, fix, gpu);
        }
    }
}
