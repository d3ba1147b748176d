package io.gpudoctor.agent.compat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The GPU models {@code --gpu} knows, matched the way people and NVML write them: case-insensitive,
 * vendor words dropped, whole words only, so "NVIDIA H100 80GB HBM3" is an H100 and "L40S" is not an L40.
 */
public record GpuCatalog(List<GpuModel> models, List<String> sources) {

    // Brand words NVML puts in names ("NVIDIA GeForce RTX 4090", "Tesla V100-SXM2-16GB").
    private static final Set<String> VENDOR_WORDS = Set.of("NVIDIA", "GEFORCE", "TESLA", "QUADRO");

    public GpuCatalog {
        models = List.copyOf(models);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** The model whose longest alias starts the name, word for word; empty when none does. */
    public Optional<GpuModel> find(String name) {
        List<String> words = words(name);
        return models.stream()
                .flatMap(model -> model.aliases().stream()
                        .map(alias -> new Match(model, words(alias)))
                        .filter(match -> startsWith(words, match.aliasWords())))
                .max(Comparator.comparingInt(match -> match.aliasWords().size()))
                .map(Match::model);
    }

    /** A few model names, for the message that answers an unknown one. */
    public String examples() {
        return models.stream().map(GpuModel::name).limit(12).collect(Collectors.joining(", "));
    }

    private record Match(GpuModel model, List<String> aliasWords) {
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.toUpperCase(Locale.ROOT).split("[\\s_\\-/,()]+"))
                .filter(word -> !word.isEmpty() && !VENDOR_WORDS.contains(word))
                .toList();
    }

    private static boolean startsWith(List<String> words, List<String> prefix) {
        return !prefix.isEmpty() && words.size() >= prefix.size() && words.subList(0, prefix.size()).equals(prefix);
    }
}
