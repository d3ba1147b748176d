package io.gpudoctor.agent.gpus.fields;

import java.util.Map;

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
}
