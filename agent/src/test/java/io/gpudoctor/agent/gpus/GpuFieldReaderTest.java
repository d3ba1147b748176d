package io.gpudoctor.agent.gpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.gpus.fields.FieldSample;
import io.gpudoctor.agent.gpus.fields.GpuFields;
import io.gpudoctor.agent.nativecall.BoundedCaller;
import io.gpudoctor.nvml.FieldRequest;
import io.gpudoctor.nvml.FieldValue;
import io.gpudoctor.nvml.Nvml;
import io.gpudoctor.nvml.NvmlFieldIds;
import io.gpudoctor.nvml.NvmlReturn;
import io.gpudoctor.simulate.GpuModel;
import io.gpudoctor.simulate.Scenario;
import io.gpudoctor.simulate.SimulatedNvml;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The field table read from one GPU, and what a driver's garbled NVLink count does to it. */
class GpuFieldReaderTest {

    private final SimulatedNvml simulated = new SimulatedNvml(Scenario.builder("nvlinked")
            .gpu(GpuModel.H100_SXM5_80GB, g -> g).build());
    private final BoundedCaller caller = new BoundedCaller("test-nvml", Duration.ofSeconds(2));
    private final AtomicInteger linkStateCalls = new AtomicInteger();
    private final AtomicInteger linkScopedRequests = new AtomicInteger();

    @AfterEach
    void close() {
        caller.close();
        simulated.close();
    }

    /**
     * The simulator, answering {@code count} for the NVLink count and NOT_SUPPORTED for links it
     * lacks, counting what is asked of links.
     */
    private Nvml answeringLinkCount(double count) {
        int real = GpuModel.H100_SXM5_80GB.nvlinkCount();
        return (Nvml) Proxy.newProxyInstance(Nvml.class.getClassLoader(), new Class<?>[] {Nvml.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("nvlinkActive")) {
                        linkStateCalls.incrementAndGet();
                    }
                    if (method.getName().equals("fieldValues")) {
                        return answer((Integer) args[0], (List<?>) args[1], count, real);
                    }
                    try {
                        return method.invoke(simulated, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private List<FieldValue> answer(int gpu, List<?> requests, double count, int realLinks) {
        List<FieldValue> answers = new ArrayList<>();
        for (Object r : requests) {
            FieldRequest request = (FieldRequest) r;
            if (request.fieldId() == NvmlFieldIds.NVML_FI_DEV_NVLINK_LINK_COUNT) {
                answers.add(FieldValue.of(request, count));
            } else if (request.fieldId() == NvmlFieldIds.NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_TX
                    || request.fieldId() == NvmlFieldIds.NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_RX) {
                linkScopedRequests.incrementAndGet();
                answers.add(request.scopeId() < realLinks ? simulated.fieldValues(gpu, List.of(request)).get(0)
                        : FieldValue.failed(request, NvmlReturn.ERROR_INVALID_ARGUMENT));
            } else {
                answers.add(simulated.fieldValues(gpu, List.of(request)).get(0));
            }
        }
        return answers;
    }

    private List<FieldSample> read(Nvml nvml) {
        return new GpuFieldReader(GpuFields.ALL).read(nvml, 0, new CallRecorder(caller));
    }

    @Test
    void every_link_of_an_nvlinked_gpu_is_read() {
        simulated.init();

        List<FieldSample> samples = read(simulated);

        assertThat(samples).filteredOn(s -> s.field().equals(GpuFields.NVLINK_UP))
                .hasSize(GpuModel.H100_SXM5_80GB.nvlinkCount());
    }

    @Test
    void a_garbled_link_count_is_asked_about_no_further_than_nvml_h_allows() {
        simulated.init();

        read(answeringLinkCount(Integer.MAX_VALUE));

        assertThat(linkStateCalls.get()).isEqualTo(GpuFieldReader.MAX_LINKS);
        assertThat(linkScopedRequests.get()).isEqualTo(2 * GpuFieldReader.MAX_LINKS);
    }

    @Test
    void a_negative_link_count_reads_no_link_and_keeps_the_gpu_fields() {
        simulated.init();

        List<FieldSample> samples = read(answeringLinkCount(-3));

        assertThat(linkStateCalls.get()).isZero();
        assertThat(linkScopedRequests.get()).isZero();
        assertThat(samples).extracting(FieldSample::field).isNotEmpty().doesNotContain(GpuFields.NVLINK_UP);
    }
}
