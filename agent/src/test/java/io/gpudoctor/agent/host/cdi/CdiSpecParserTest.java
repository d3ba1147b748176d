package io.gpudoctor.agent.host.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CdiSpecParserTest {

    static final String PATH = "/var/run/cdi/nvidia.yaml";

    static String resource(String name) {
        try (InputStream in = CdiSpecParserTest.class.getResourceAsStream("/host/cdi/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CdiSpecFile parse(String text) {
        return CdiSpecParser.parse(PATH, text);
    }

    private static List<String> problems(String text) {
        return parse(text).problems().stream().map(CdiProblem::problem).toList();
    }

    @Test
    void aSpecAsNvidiaCtkWritesItIsReadWithItsDevicesNodesMountsAndHooks() {
        CdiSpecFile file = parse(resource("nvidia.yaml"));

        assertThat(file.valid()).isTrue();
        CdiSpec spec = file.spec().orElseThrow();
        assertThat(spec.cdiVersion()).isEqualTo("0.5.0");
        assertThat(spec.kind()).isEqualTo("nvidia.com/gpu");
        assertThat(spec.vendor()).isEqualTo("nvidia.com");
        assertThat(spec.devices()).extracting(CdiSpec.Device::name)
                .containsExactly("0", "GPU-4f2b1a3e-7c1d-5e9a-b0c4-1d2e3f4a5b6c", "1",
                        "GPU-9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d", "all");
        assertThat(spec.devices().get(0).line()).isEqualTo(5);
        assertThat(spec.devices().get(4).containerEdits().deviceNodes())
                .extracting(CdiContainerEdits.DeviceNode::path).containsExactly("/dev/nvidia0", "/dev/nvidia1");
        CdiContainerEdits edits = spec.containerEdits();
        assertThat(edits.env()).containsExactly("NVIDIA_VISIBLE_DEVICES=void");
        assertThat(edits.deviceNodes()).extracting(CdiContainerEdits.DeviceNode::path).contains("/dev/nvidia-uvm");
        assertThat(edits.mounts().get(0)).isEqualTo(new CdiContainerEdits.Mount(
                "/usr/lib/x86_64-linux-gnu/libcuda.so.535.161.07", "/usr/lib/x86_64-linux-gnu/libcuda.so.535.161.07"));
        assertThat(edits.hooks()).extracting(CdiContainerEdits.Hook::describe).containsExactly(
                "nvidia-cdi-hook enable-cuda-compat", "nvidia-cdi-hook create-symlinks", "nvidia-cdi-hook update-ldcache");
        assertThat(edits.hooks()).allSatisfy(h -> assertThat(h.env()).contains(List.of("NVIDIA_CTK_DEBUG=false")));
    }

    @Test
    void theJsonFormOfASpecReadsAsTheYamlForm() {
        CdiSpec json = CdiSpecParser.parse("/etc/cdi/nvidia.json", resource("nvidia.json")).spec().orElseThrow();
        CdiSpec yaml = parse(resource("nvidia.yaml")).spec().orElseThrow();

        assertThat(json.kind()).isEqualTo(yaml.kind());
        assertThat(json.containerEdits()).isEqualTo(yaml.containerEdits());
        assertThat(json.devices()).extracting(CdiSpec.Device::name, CdiSpec.Device::containerEdits)
                .isEqualTo(yaml.devices().stream().map(d -> org.assertj.core.groups.Tuple.tuple(d.name(),
                        d.containerEdits())).toList());
    }

    @Test
    void aHookWithoutAnEnvKeyIsToldApartFromOneWithAnEmptyEnv() {
        CdiSpec spec = parse("""
                cdiVersion: 0.5.0
                kind: nvidia.com/gpu
                devices: [{name: all}]
                containerEdits:
                  hooks:
                  - {hookName: createContainer, path: /usr/bin/nvidia-cdi-hook, args: [nvidia-cdi-hook, update-ldcache]}
                  - {hookName: createContainer, path: /usr/bin/nvidia-cdi-hook, args: [nvidia-cdi-hook, create-symlinks], env: []}
                """).spec().orElseThrow();

        assertThat(spec.containerEdits().hooks().get(0).env()).isEmpty();
        assertThat(spec.containerEdits().hooks().get(1).env()).contains(List.of());
    }

    @Test
    void anEmptyFileIsInvalid() {
        assertThat(parse("")).satisfies(f -> {
            assertThat(f.valid()).isFalse();
            assertThat(f.spec()).isEmpty();
            assertThat(f.problems()).containsExactly(new CdiProblem(0, "the file is empty"));
        });
        assertThat(parse(" \n\n").valid()).isFalse();
    }

    @Test
    void aTruncatedJsonSpecIsInvalidAtTheLineWhereItEnds() {
        String json = resource("nvidia.json");
        String truncated = json.substring(0, json.length() / 2);

        CdiSpecFile file = CdiSpecParser.parse("/etc/cdi/nvidia.json", truncated);

        assertThat(file.valid()).isFalse();
        assertThat(file.problems()).singleElement().satisfies(p -> {
            assertThat(p.problem()).startsWith("not valid YAML or JSON");
            assertThat(p.line()).isGreaterThan(1);
        });
    }

    @Test
    void aYamlSpecCutInsideAQuotedNameIsInvalid() {
        String yaml = resource("nvidia.yaml");
        String truncated = yaml.substring(0, yaml.indexOf("\"0\"") + 2);

        assertThat(parse(truncated).problems()).singleElement()
                .satisfies(p -> assertThat(p.problem()).startsWith("not valid YAML or JSON"));
    }

    @Test
    void malformedYamlIsInvalidWithItsLine() {
        CdiSpecFile file = parse("cdiVersion: 0.5.0\nkind: nvidia.com/gpu\ndevices: [\n  {name: 0\n");

        assertThat(file.problems()).singleElement().satisfies(p -> assertThat(p.line()).isBetween(3, 5));
    }

    @Test
    void binaryContentIsInvalidAndItsMessageIsPrintable() {
        byte[] bytes = new byte[512];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        CdiSpecFile file = parse(new String(bytes, StandardCharsets.ISO_8859_1) + "\u0000\u0001\u0002");

        assertThat(file.valid()).isFalse();
        assertThat(file.problems()).allSatisfy(p -> assertThat(p.problem()).matches("[\\x20-\\x7e]+"));
    }

    @Test
    void aHugeSpecWithThousandsOfDevicesIsRead() {
        StringBuilder yaml = new StringBuilder("cdiVersion: 0.5.0\nkind: nvidia.com/gpu\ndevices:\n");
        for (int i = 0; i < 20_000; i++) {
            yaml.append("- name: \"").append(i).append("\"\n  containerEdits: {deviceNodes: [{path: /dev/nvidia")
                    .append(i).append("}]}\n");
        }

        CdiSpecFile file = parse(yaml.toString());

        assertThat(file.valid()).isTrue();
        assertThat(file.spec().orElseThrow().devices()).hasSize(20_000);
        assertThat(file.spec().orElseThrow().devices().get(19_999).line()).isEqualTo(4 + 2 * 19_999);
    }

    @Test
    void deeplyNestedInputIsInvalidWithoutExhaustingTheStack() {
        String deep = "devices: " + "[".repeat(100_000) + "]".repeat(100_000);

        assertThat(parse(deep).valid()).isFalse();
    }

    @Test
    void aliasBombsAreRefused() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            String p = "*a" + (i - 1);
            yaml.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, p))).append("]\n");
        }

        assertThat(parse(yaml.toString()).valid()).isFalse();
    }

    @Test
    void aSpecWithoutKindOrCdiVersionIsInvalid() {
        assertThat(problems("devices: [{name: all}]\n")).containsExactly("no cdiVersion", "no kind");
    }

    @Test
    void aKindThatIsNotVendorSlashClassIsInvalidAtItsLine() {
        CdiSpecFile file = parse("cdiVersion: 0.5.0\n\nkind: gpu\ndevices: [{name: all}]\n");

        assertThat(file.problems()).containsExactly(
                new CdiProblem(3, "kind 'gpu' is not vendor/class, such as nvidia.com/gpu"));
        assertThat(problems("cdiVersion: 0.5.0\nkind: nvidia.com/gpu-\ndevices: [{name: all}]\n")).hasSize(1);
        assertThat(problems("cdiVersion: 0.5.0\nkind: nvidia.com/gpu\ndevices: [{name: all}]\n")).isEmpty();
    }

    @Test
    void aDeviceNameUsedTwiceIsInvalidAtItsSecondLine() {
        CdiSpecFile file = parse("""
                cdiVersion: 0.5.0
                kind: nvidia.com/gpu
                devices:
                - name: "0"
                - name: all
                - name: "0"
                """);

        assertThat(file.problems()).containsExactly(new CdiProblem(6, "device name '0' is used twice (first at line 4)"));
    }

    @Test
    void aSpecWithoutDevicesIsInvalid() {
        assertThat(problems("cdiVersion: 0.5.0\nkind: nvidia.com/gpu\n")).containsExactly("no devices");
    }

    @Test
    void valuesOfTheWrongShapeAreInvalidAtTheirLine() {
        CdiSpecFile file = parse("""
                cdiVersion: 0.5.0
                kind: nvidia.com/gpu
                devices:
                - name: all
                  containerEdits:
                    mounts: /usr/lib
                """);

        assertThat(file.problems()).containsExactly(new CdiProblem(6, "mounts is not a list"));
    }

    @Test
    void aYmlFileIsInvalidBecauseRuntimesIgnoreIt() {
        CdiSpecFile file = CdiSpecParser.parse("/etc/cdi/nvidia.yml", resource("nvidia.yaml"));

        assertThat(file.spec()).isPresent();
        assertThat(file.problems()).extracting(CdiProblem::problem)
                .containsExactly("runtimes read only *.yaml and *.json spec files, so this one is ignored");
    }

    @Test
    void aDocumentThatIsNotAMappingIsInvalid() {
        assertThat(parse("- a\n- b\n").problems()).extracting(CdiProblem::problem)
                .containsExactly("the file is not a mapping of cdiVersion, kind, devices");
        assertThat(parse("just text").spec()).isEqualTo(Optional.empty());
    }
}
