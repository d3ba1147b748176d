package io.gpudoctor.agent.gpus.fields;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One value of one {@link GpuField} on one GPU, in the field's base unit.
 *
 * @param field  the field's {@link GpuField#key()}
 * @param labels what tells this sample from the field's others on the same GPU ({@code link}); empty for most
 */
public record FieldSample(String field, Map<String, String> labels, double value) {

    public FieldSample {
        labels = Map.copyOf(labels);
    }

    /** The value of {@code field} among {@code samples}, for a field with one sample per GPU (or GPU instance). */
    public static Optional<Double> valueOf(List<FieldSample> samples, String field) {
        return samples.stream().filter(f -> f.field().equals(field)).map(FieldSample::value).findFirst();
    }
}
