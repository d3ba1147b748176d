package io.gpudoctor.agent.container.watch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DockerHostConfigParserTest {

    @Test
    void theNvidiaRuntimeAsksForAGpu() {
        assertThat(DockerHostConfigParser.asksForGpu("{\"Runtime\":\"nvidia\",\"DeviceRequests\":null}")).isTrue();
    }

    @Test
    void theGpusFlagsDeviceRequestAsksForAGpu() {
        assertThat(DockerHostConfigParser.asksForGpu("{\"Runtime\":\"runc\",\"DeviceRequests\":[{\"Driver\":\"\","
                + "\"Count\":-1,\"DeviceIDs\":null,\"Capabilities\":[[\"gpu\"]],\"Options\":{}}]}")).isTrue();
    }

    @Test
    void aDeviceRequestNamingTheNvidiaDriverAsksForAGpu() {
        assertThat(DockerHostConfigParser.asksForGpu("{\"DeviceRequests\":[{\"Driver\":\"nvidia\",\"Count\":1}]}"))
                .isTrue();
    }

    @Test
    void aPlainRuncContainerAsksForNothing() {
        assertThat(DockerHostConfigParser.asksForGpu("{\"Runtime\":\"runc\",\"DeviceRequests\":null,"
                + "\"Devices\":[]}")).isFalse();
    }

    @Test
    void textThatIsNotAHostConfigAsksForNothing() {
        assertThat(DockerHostConfigParser.asksForGpu("")).isFalse();
        assertThat(DockerHostConfigParser.asksForGpu("{\"Runtime\":")).isFalse();
        assertThat(DockerHostConfigParser.asksForGpu("[\"nvidia\"]")).isFalse();
        assertThat(DockerHostConfigParser.asksForGpu("{\"Runtime\":7,\"DeviceRequests\":{\"Driver\":\"nvidia\"}}"))
                .isFalse();
    }
}
