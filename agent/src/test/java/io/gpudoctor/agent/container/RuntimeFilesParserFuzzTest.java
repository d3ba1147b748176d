package io.gpudoctor.agent.container;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any runtime JSON file (Docker's config.v2.json, an OCI bundle's config.json,
 * containers/storage's containers.json): names or none, never
 * an exception (a fuzz test fails on any exception its target throws).
 */
@Tag("fuzz")
class RuntimeFilesParserFuzzTest {

    @FuzzTest
    void any_docker_config_v2_yields_names_or_none(FuzzedDataProvider data) {
        String text = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);

        DockerConfigParser.parse(text).ifPresent(container ->
                container.statePid().ifPresent(pid -> assertThat(pid).isPositive()));
    }

    @FuzzTest
    void any_oci_bundle_config_yields_names_or_none(FuzzedDataProvider data) {
        String text = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);

        OciBundleParser.parse(text);
    }

    @FuzzTest
    void any_storage_containers_json_yields_a_name_or_none(FuzzedDataProvider data) {
        String id = data.consumeString(70);
        String text = data.consumeRemainingAsString();

        StorageContainersParser.nameOf(text, id).ifPresent(name -> assertThat(name).isNotBlank());
    }
}
