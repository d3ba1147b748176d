package io.gpudoctor.agent.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RuntimeFilesParserTest {

    @Test
    void dockerConfigGivesTheNameWithoutItsSlashAndStatePid() {
        String json = """
                {"ID":"x","Name":"/trainer","State":{"Running":true,"Pid":4242},
                 "Config":{"Env":["HF_TOKEN=hf_SECRET"],"Image":"pytorch/pytorch","Labels":{"team":"ml"}},
                 "HostConfig":{"Runtime":"nvidia"}}""";

        DockerConfigParser.DockerContainer container = DockerConfigParser.parse(json).orElseThrow();

        assertThat(container.names()).isEqualTo(new ContainerNames(Optional.of("trainer"), Optional.empty(),
                Optional.empty(), Optional.empty(), false));
        assertThat(container.statePid()).hasValue(4242);
        assertThat(container.toString()).doesNotContain("SECRET");
    }

    @Test
    void dockerUnderCriDockerdIsNamedByItsKubernetesLabels() {
        String json = """
                {"Name":"/k8s_trainer_train-job-0_ml_8d3f_0","State":{"Pid":0},
                 "Config":{"Labels":{"io.kubernetes.container.name":"trainer","io.kubernetes.pod.name":"train-job-0",
                 "io.kubernetes.pod.namespace":"ml","io.kubernetes.pod.uid":"8d3f"}}}""";

        DockerConfigParser.DockerContainer container = DockerConfigParser.parse(json).orElseThrow();

        assertThat(container.names()).isEqualTo(new ContainerNames(Optional.of("trainer"), Optional.of("train-job-0"),
                Optional.of("ml"), Optional.of("8d3f"), false));
        assertThat(container.statePid()).isEqualTo(OptionalLong.empty());
    }

    @Test
    void criDockerdSandboxesAreSandboxes() {
        String json = "{\"Name\":\"/k8s_POD_x\",\"Config\":{\"Labels\":{\"io.kubernetes.docker.type\":\"podsandbox\"}}}";

        assertThat(DockerConfigParser.parse(json).orElseThrow().names().sandbox()).isTrue();
    }

    @Test
    void brokenOrOddDockerConfigsHaveNoNames() {
        assertThat(DockerConfigParser.parse("")).isEmpty();
        assertThat(DockerConfigParser.parse("{\"Name\": ")).isEmpty();
        assertThat(DockerConfigParser.parse("[1,2]")).isEmpty();
        assertThat(DockerConfigParser.parse("{}").orElseThrow().names()).isEqualTo(ContainerNames.NONE);
        assertThat(DockerConfigParser.parse("{\"Config\":null,\"State\":null,\"Name\":null}").orElseThrow().names())
                .isEqualTo(ContainerNames.NONE);
    }

    @Test
    void containerdAnnotationsNameTheContainerAndPod() {
        String json = """
                {"ociVersion":"1.1.0","process":{"env":["DB_PASSWORD=SECRET"]},"annotations":{
                 "io.kubernetes.cri.container-type":"container","io.kubernetes.cri.container-name":"trainer",
                 "io.kubernetes.cri.sandbox-name":"train-job-0","io.kubernetes.cri.sandbox-namespace":"ml",
                 "io.kubernetes.cri.sandbox-uid":"8d3f"}}""";

        ContainerNames names = OciBundleParser.parse(json).orElseThrow();

        assertThat(names).isEqualTo(new ContainerNames(Optional.of("trainer"), Optional.of("train-job-0"),
                Optional.of("ml"), Optional.of("8d3f"), false));
        assertThat(names.toString()).doesNotContain("SECRET");
    }

    @Test
    void crioAnnotationsNameTheContainerAndItsInfraContainerIsASandbox() {
        String container = """
                {"annotations":{"io.kubernetes.container.name":"triton","io.kubernetes.pod.name":"inference",
                 "io.kubernetes.pod.namespace":"serving","io.kubernetes.cri-o.ContainerType":"container"}}""";
        String infra = """
                {"annotations":{"io.kubernetes.container.name":"POD","io.kubernetes.pod.name":"inference",
                 "io.kubernetes.pod.namespace":"serving","io.kubernetes.cri-o.ContainerType":"sandbox"}}""";

        assertThat(OciBundleParser.parse(container).orElseThrow().name()).hasValue("triton");
        assertThat(OciBundleParser.parse(infra).orElseThrow().sandbox()).isTrue();
        assertThat(OciBundleParser.parse(infra).orElseThrow().name()).isEmpty();
    }

    @Test
    void aBundleWithoutAnnotationsHasNoNames() {
        assertThat(OciBundleParser.parse("{\"ociVersion\":\"1.0.2\"}")).hasValue(ContainerNames.NONE);
        assertThat(OciBundleParser.parse("{\"annotations\":{\"io.kubernetes.cri.container-name\":\"\"}}"))
                .hasValue(ContainerNames.NONE);
        assertThat(OciBundleParser.parse("not json")).isEmpty();
    }

    @Test
    void nerdctlNamesItsContainersInAnAnnotation() {
        assertThat(OciBundleParser.parse("{\"annotations\":{\"nerdctl/name\":\"llama\"}}").orElseThrow().name())
                .hasValue("llama");
    }

    @Test
    void labelsNoRuntimeWouldAcceptAsNamesAreDropped() {
        String json = """
                {"Name":"/ok","Config":{"Labels":{"io.kubernetes.container.name":"\\u001b[31mred",
                 "io.kubernetes.pod.name":"../../etc","io.kubernetes.pod.namespace":"ml",
                 "io.kubernetes.pod.uid":"uid with spaces"}}}""";

        ContainerNames names = DockerConfigParser.parse(json).orElseThrow().names();

        assertThat(names.name()).isEmpty();
        assertThat(names.pod()).isEmpty();
        assertThat(names.namespace()).hasValue("ml");
        assertThat(names.podUid()).isEmpty();
    }

    @Test
    void storagesContainersJsonGivesEachContainersFirstName() {
        String json = """
                [{"id":"a1","names":["pm-trainer","alias"],"metadata":"{\\"name\\":\\"pm-trainer\\"}"},
                 {"id":"b2","names":[]},{"id":"c3"}]""";

        assertThat(StorageContainersParser.nameOf(json, "a1")).hasValue("pm-trainer");
        assertThat(StorageContainersParser.nameOf(json, "b2")).isEmpty();
        assertThat(StorageContainersParser.nameOf(json, "c3")).isEmpty();
        assertThat(StorageContainersParser.nameOf(json, "d4")).isEmpty();
    }

    @Test
    void brokenStorageContainersJsonNamesNoOne() {
        assertThat(StorageContainersParser.nameOf("", "a1")).isEmpty();
        assertThat(StorageContainersParser.nameOf("{\"id\":\"a1\"}", "a1")).isEmpty();
        assertThat(StorageContainersParser.nameOf("[null,{\"id\":\"a1\",\"names\":[null]}]", "a1")).isEmpty();
    }
}
