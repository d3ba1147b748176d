package io.gpudoctor.agent.container.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;

/**
 * Pure parser of Docker's {@code /var/lib/docker/containers/<id>/hostconfig.json}: whether the
 * container was started with an NVIDIA runtime ({@code --runtime nvidia}) or a GPU device request
 * ({@code --gpus}). Nothing else of the file is kept; text that is not such a file asks for nothing.
 */
final class DockerHostConfigParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DockerHostConfigParser() {
    }

    /** Whether the host config asks for a GPU. */
    static boolean asksForGpu(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return false;
        }
        if (root == null || !root.isObject()) {
            return false;
        }
        return nvidia(root.path("Runtime")) || gpuRequest(root.path("DeviceRequests"));
    }

    /** {@code --gpus} records a request for the {@code gpu} capability, or names the nvidia driver. */
    private static boolean gpuRequest(JsonNode requests) {
        for (JsonNode request : requests) {
            if (nvidia(request.path("Driver"))) {
                return true;
            }
            for (JsonNode alternative : request.path("Capabilities")) {
                for (JsonNode capability : alternative) {
                    if (capability.isTextual() && capability.asText().equals("gpu")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean nvidia(JsonNode name) {
        return name.isTextual() && name.asText().toLowerCase(Locale.ROOT).contains("nvidia");
    }
}
