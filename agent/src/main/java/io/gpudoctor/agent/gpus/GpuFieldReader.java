package io.gpudoctor.agent.gpus;

import io.gpudoctor.agent.gpus.fields.FieldSample;
import io.gpudoctor.agent.gpus.fields.FieldSource;
import io.gpudoctor.agent.gpus.fields.GpuField;
import io.gpudoctor.agent.gpus.fields.GpuFields;
import io.gpudoctor.nvml.FieldRequest;
import io.gpudoctor.nvml.FieldValue;
import io.gpudoctor.nvml.Nvml;
import io.gpudoctor.nvml.NvmlFieldIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Reads the {@link GpuFields} table from one GPU: the field-value ids in two batched calls (the
 * GPU's fields with its NVLink count, then every per-link field of every link), the other calls
 * one by one, each bounded by the recorder's caller. A field the GPU lacks gives no sample.
 */
final class GpuFieldReader {

    private static final FieldRequest LINK_COUNT = FieldRequest.of(NvmlFieldIds.NVML_FI_DEV_NVLINK_LINK_COUNT);
    private static final String LINK = "link";
    /**
     * nvml.h's {@code NVML_NVLINK_MAX_LINKS}: no GPU has more. A driver's garbled count is bounded
     * by it rather than turned into millions of per-link calls.
     */
    static final int MAX_LINKS = 18;

    private final List<GpuField> fields;

    GpuFieldReader(List<GpuField> fields) {
        this.fields = List.copyOf(fields);
    }

    List<FieldSample> read(Nvml nvml, int gpu, CallRecorder r) {
        List<FieldSample> samples = new ArrayList<>();
        List<GpuField> byId = fields.stream().filter(f -> f.source() instanceof FieldSource.FieldId).toList();
        List<FieldRequest> requests = new ArrayList<>();
        requests.add(LINK_COUNT);
        byId.forEach(f -> requests.add(FieldRequest.of(((FieldSource.FieldId) f.source()).id())));
        List<FieldValue> answers = r.value("fieldValues", () -> nvml.fieldValues(gpu, requests)).orElse(List.of());
        int links = answers.isEmpty() ? 0 : linkCount(answers.get(0).value().orElse(0));
        for (int i = 0; i < byId.size() && i + 1 < answers.size(); i++) {
            add(samples, byId.get(i), Map.of(), answers.get(i + 1).value());
        }
        readLinkFields(nvml, gpu, r, links, samples);
        for (GpuField field : fields) {
            if (field.source() instanceof FieldSource.DeviceCall call) {
                add(samples, field, Map.of(),
                        r.value(field.key(), () -> call.reader().read(nvml, gpu)).orElse(OptionalDouble.empty()));
            } else if (field.source() instanceof FieldSource.LinkCall call) {
                for (int link = 0; link < links; link++) {
                    int l = link;
                    add(samples, field, Map.of(LINK, Integer.toString(link)),
                            r.value(field.key(), () -> call.reader().read(nvml, gpu, l))
                                    .orElse(OptionalDouble.empty()));
                }
            }
        }
        return samples;
    }

    private void readLinkFields(Nvml nvml, int gpu, CallRecorder r, int links, List<FieldSample> samples) {
        List<GpuField> perLink = fields.stream().filter(f -> f.source() instanceof FieldSource.LinkFieldId).toList();
        if (links == 0 || perLink.isEmpty()) {
            return;
        }
        List<FieldRequest> requests = new ArrayList<>();
        for (GpuField field : perLink) {
            for (int link = 0; link < links; link++) {
                requests.add(new FieldRequest(((FieldSource.LinkFieldId) field.source()).id(), link));
            }
        }
        List<FieldValue> answers = r.value("fieldValues.links", () -> nvml.fieldValues(gpu, requests))
                .orElse(List.of());
        for (int f = 0; f < perLink.size(); f++) {
            GpuField field = perLink.get(f);
            List<FieldValue> ofField = answers.subList(Math.min(f * links, answers.size()),
                    Math.min((f + 1) * links, answers.size()));
            if (((FieldSource.LinkFieldId) field.source()).summed()) {
                add(samples, field, Map.of(), sum(ofField));
            } else {
                ofField.forEach(a -> add(samples, field, Map.of(LINK, Integer.toString(a.request().scopeId())),
                        a.value()));
            }
        }
    }

    /** The GPU's NVLink count as the driver answered it, within 0 and {@link #MAX_LINKS}. */
    private static int linkCount(double answered) {
        return (int) Math.max(0, Math.min(MAX_LINKS, answered));
    }

    /** The links' sum; none when no link answered, so a GPU without the field has no sample. */
    private static OptionalDouble sum(List<FieldValue> answers) {
        return answers.stream().map(FieldValue::value).filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble).reduce(Double::sum);
    }

    private static void add(List<FieldSample> samples, GpuField field, Map<String, String> labels,
                            OptionalDouble nvmlValue) {
        if (nvmlValue.isPresent()) {
            samples.add(new FieldSample(field.key(), labels, nvmlValue.getAsDouble() * field.scale()));
        }
    }
}
