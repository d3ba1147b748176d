package io.gpudoctor.agent.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CgroupPathParserTest {

    static final String ID = "3f4e5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7081";
    static final String UID = "1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b";

    private static CgroupMembership parsed(String content) {
        return CgroupPathParser.parse(content).orElseThrow();
    }

    @Test
    void dockerCgroupfsDriverUnderCgroupV1() {
        String content = """
                12:pids:/docker/%1$s
                11:memory:/docker/%1$s
                4:devices:/docker/%1$s
                1:name=systemd:/docker/%1$s
                0::/
                """.formatted(ID);

        assertThat(parsed(content)).isEqualTo(new CgroupMembership(ContainerRuntime.DOCKER, ID, Optional.empty()));
    }

    @Test
    void dockerSystemdDriverUnderCgroupV2() {
        assertThat(parsed("0::/system.slice/docker-" + ID + ".scope\n"))
                .isEqualTo(new CgroupMembership(ContainerRuntime.DOCKER, ID, Optional.empty()));
    }

    @Test
    void dockerSystemdDriverUnderHybridV1WhereTheUnifiedLineIsTheScope() {
        String content = "5:devices:/system.slice/docker-" + ID + ".scope\n0::/system.slice/docker-" + ID + ".scope\n";

        assertThat(parsed(content).runtime()).isEqualTo(ContainerRuntime.DOCKER);
    }

    @Test
    void kubernetesSystemdDriverWithContainerdGivesThePodUidWithDashes() {
        String content = "0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod"
                + UID.replace('-', '_') + ".slice/cri-containerd-" + ID + ".scope\n";

        assertThat(parsed(content)).isEqualTo(new CgroupMembership(ContainerRuntime.CONTAINERD, ID, Optional.of(UID)));
    }

    @Test
    void guaranteedPodsHaveNoQosSlice() {
        String content = "0::/kubepods.slice/kubepods-pod" + UID.replace('-', '_') + ".slice/cri-containerd-" + ID + ".scope\n";

        assertThat(parsed(content).podUid()).hasValue(UID);
    }

    @Test
    void kubernetesCgroupfsDriverHoldsABareIdUnderThePod() {
        String content = "11:memory:/kubepods/burstable/pod" + UID + "/" + ID + "\n0::/\n";

        assertThat(parsed(content)).isEqualTo(new CgroupMembership(ContainerRuntime.CONTAINERD, ID, Optional.of(UID)));
    }

    @Test
    void crioSystemdDriver() {
        String content = "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" + UID.replace('-', '_')
                + ".slice/crio-" + ID + ".scope\n";

        assertThat(parsed(content)).isEqualTo(new CgroupMembership(ContainerRuntime.CRIO, ID, Optional.of(UID)));
    }

    @Test
    void crioCgroupfsDriver() {
        assertThat(parsed("0::/kubepods/besteffort/pod" + UID + "/crio-" + ID + "\n").runtime())
                .isEqualTo(ContainerRuntime.CRIO);
    }

    @Test
    void conmonOfCrioAndPodmanIsNotTheContainer() {
        String crio = "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" + UID.replace('-', '_')
                + ".slice/crio-conmon-" + ID + ".scope\n";

        assertThat(CgroupPathParser.parse(crio)).isEmpty();
        assertThat(CgroupPathParser.parse("0::/machine.slice/libpod-conmon-" + ID + ".scope\n")).isEmpty();
    }

    @Test
    void podmanSystemdScopeAndItsContainerSubgroup() {
        assertThat(parsed("0::/machine.slice/libpod-" + ID + ".scope\n"))
                .isEqualTo(new CgroupMembership(ContainerRuntime.PODMAN, ID, Optional.empty()));
        assertThat(parsed("0::/machine.slice/libpod-" + ID + ".scope/container\n").containerId()).isEqualTo(ID);
    }

    @Test
    void podmanCgroupfsPayload() {
        assertThat(parsed("3:memory:/libpod_parent/libpod-payload-" + ID + "\n").runtime())
                .isEqualTo(ContainerRuntime.PODMAN);
    }

    @Test
    void ctrRunUnderItsNamespaceIsContainerd() {
        assertThat(parsed("0::/default/" + ID + "\n").runtime()).isEqualTo(ContainerRuntime.CONTAINERD);
    }

    @Test
    void pathsSeenThroughACgroupNamespaceStillName() {
        assertThat(parsed("0::/../../system.slice/docker-" + ID + ".scope\n").containerId()).isEqualTo(ID);
    }

    @Test
    void hostProcessesBelongToNoContainer() {
        assertThat(CgroupPathParser.parse("0::/init.scope\n")).isEmpty();
        assertThat(CgroupPathParser.parse("0::/system.slice/containerd.service\n")).isEmpty();
        assertThat(CgroupPathParser.parse("0::/user.slice/user-1000.slice/session-3.scope\n")).isEmpty();
        assertThat(CgroupPathParser.parse("12:pids:/\n1:name=systemd:/init.scope\n0::/init.scope\n")).isEmpty();
    }

    @Test
    void aPodWithoutAContainerIsNotAContainer() {
        assertThat(CgroupPathParser.parse("0::/kubepods.slice/kubepods-pod" + UID.replace('-', '_') + ".slice\n")).isEmpty();
    }

    @Test
    void emptyTruncatedAndGarbageInputNameNoContainer() {
        assertThat(CgroupPathParser.parse("")).isEmpty();
        assertThat(CgroupPathParser.parse("0::/system.slice/docker-" + ID.substring(0, 40))).isEmpty();
        assertThat(CgroupPathParser.parse("0::/docker/" + ID.substring(0, 63))).isEmpty();
        assertThat(CgroupPathParser.parse("garbage\n\u0000\u0001::\n:::::\n")).isEmpty();
        assertThat(CgroupPathParser.parse("x::/docker/" + ID + "\n")).isEmpty();
        assertThat(CgroupPathParser.parse("0::docker/" + ID + "\n")).isEmpty();
        assertThat(CgroupPathParser.parse("0::/docker/" + ID.toUpperCase() + "\n")).isEmpty();
    }

    @Test
    void aTruncatedFileStillNamesTheContainerFromItsCompleteLines() {
        String content = "12:pids:/docker/" + ID + "\n11:memory:/docker/" + ID.substring(0, 10);

        assertThat(parsed(content).containerId()).isEqualTo(ID);
    }
}
