package io.gpudoctor.agent.diagnosis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A diagnosis read as the answer to "why can't my container (or: containers on this node) use
 * the GPU": one sentence, the findings that answer it in cause order, and the rest apart. A cause
 * that explains everything after it (no GPU or driver, a broken driver, a container gpu-doctor
 * could not look at) stands alone in the answer: what follows may only be its consequence.
 *
 * @param headline    the answer in one sentence
 * @param answer      the findings that stop GPU use, first cause first
 * @param alsoFound   every other finding, in cause order
 * @param resets      per GPU index, the findings one reset of that GPU clears, where there are several
 */
public record DiagnosisAnswer(String headline, List<Finding> answer, List<Finding> alsoFound,
                              Map<Integer, List<Finding>> resets) {

    private static final Pattern RESET = Pattern.compile("nvidia-smi -r -i (\\d+)");

    public DiagnosisAnswer {
        answer = List.copyOf(answer);
        alsoFound = List.copyOf(alsoFound);
        resets = Map.copyOf(resets);
    }

    /** The answer {@code d} gives. */
    public static DiagnosisAnswer of(Diagnosis d) {
        List<Finding> ordered = d.findings().stream().sorted(Cause.ORDER).toList();
        List<Finding> answer = new ArrayList<>();
        List<Finding> also = new ArrayList<>();
        Cause first = ordered.stream().filter(DiagnosisAnswer::answers).map(f -> Cause.of(f.code())).findFirst()
                .orElse(Cause.DEGRADES);
        boolean alone = first == Cause.NO_GPU || first == Cause.DRIVER || first == Cause.NOT_LOOKED;
        for (Finding f : ordered) {
            boolean inAnswer = answers(f) && (!alone || Cause.of(f.code()) == first);
            (inAnswer ? answer : also).add(f);
        }
        return new DiagnosisAnswer(headline(d, answer, also), answer, also, resets(ordered));
    }

    /**
     * Whether a finding answers the question: an error of a cause that blocks GPU use; a host
     * without GPU and gpu-doctor not looking answer it whatever their severity.
     */
    private static boolean answers(Finding f) {
        Cause cause = Cause.of(f.code());
        return cause == Cause.NO_GPU || cause == Cause.NOT_LOOKED || (cause.blocks() && f.severity() == Severity.ERROR);
    }

    private static String headline(Diagnosis d, List<Finding> answer, List<Finding> also) {
        String subject = "Container " + name(d);
        long warnings = also.stream().filter(f -> f.severity() != Severity.INFO).count();
        if (answer.isEmpty()) {
            String fine = d.container().isPresent()
                    ? subject + " can use the GPU: gpu-doctor found nothing that stops it"
                    : "Containers on this node can use its " + gpuCount(d) + ": gpu-doctor found nothing that stops them";
            return fine + (warnings == 0 ? "." : "; " + count(warnings, "warning") + " below.");
        }
        Finding lead = answer.get(0);
        String reason = clause(lead.title());
        String sentence = switch (Cause.of(lead.code())) {
            case NO_GPU, DRIVER -> (d.container().isPresent() ? subject + " cannot use a GPU"
                    : "No container on this node can use a GPU") + ": " + reason;
            case NOT_LOOKED -> "gpu-doctor could not look inside container " + name(d) + " (permission denied), so it cannot"
                    + " say whether it can use the GPU: run gpu-doctor with sudo";
            case RUNTIME -> (d.container().isPresent() ? subject + " cannot use the GPU"
                    : "Containers on this node cannot be given a GPU") + ": " + reason;
            case GPU_HEALTH -> (d.container().isPresent() ? subject + " cannot rely on every GPU"
                    : "Containers on this node cannot use every GPU") + ": " + reason;
            default -> subject + " cannot use the GPU: " + reason;
        };
        int more = answer.size() - 1;
        return sentence + (more == 0 ? "." : " (and " + count(more, "more problem") + " below).");
    }

    /** The title's first clause, as the end of a sentence: "Driver 560 is too old" reads "driver 560 is too old". */
    static String clause(String title) {
        String first = title.contains(": ") ? title.substring(0, title.indexOf(": ")) : title;
        first = first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
        // An acronym (GPU, CDI, NVIDIA) keeps its capitals; a capitalised word does not.
        if (first.length() > 1 && Character.isUpperCase(first.charAt(0)) && Character.isLowerCase(first.charAt(1))) {
            return Character.toLowerCase(first.charAt(0)) + first.substring(1);
        }
        return first;
    }

    private static Map<Integer, List<Finding>> resets(List<Finding> ordered) {
        Map<Integer, List<Finding>> byGpu = new LinkedHashMap<>();
        for (Finding f : ordered) {
            Matcher m = RESET.matcher(f.fix());
            if (m.find()) {
                byGpu.computeIfAbsent(Integer.parseInt(m.group(1)), gpu -> new ArrayList<>()).add(f);
            }
        }
        byGpu.values().removeIf(findings -> findings.size() < 2);
        return byGpu;
    }

    private static String gpuCount(Diagnosis d) {
        int gpus = d.host().gpus().size();
        return gpus == 1 ? "GPU" : gpus + " GPUs";
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String name(Diagnosis d) {
        return d.container().map(c -> c.name().orElse(c.id().substring(0, Math.min(12, c.id().length())))).orElse("");
    }
}
