package io.gpudoctor.agent.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.gpudoctor.agent.collect.MutableClock;
import io.gpudoctor.agent.container.ContainerRefException.Kind;
import io.gpudoctor.agent.hostfs.HostFileReader;
import io.gpudoctor.agent.hostfs.HostPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Against the fixture roots under {@code host/containers/}: one node per runtime layout. */
class ContainerResolverTest {

    static final String NOTEBOOK = "5c1e0f3a9b7d24e86f10a2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f607";
    static final String TRAINER = "3f4e5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7081";
    static final String EVAL = "3f4e5a6b7c8d01b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a";
    static final String POD_TRAINER = "d41e8c2b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d";
    static final String SIDECAR = "e52f9d3c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e";
    static final String NOTEBOOK_TRAINER = "f63a0e4d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f";
    static final String PAUSE = "b7d3e1f09a8c7b6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d";
    static final String TRITON = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b";
    static final String PODMAN = "7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d";
    static final String TASKS = "/run/containerd/io.containerd.runtime.v2.task/";

    private static ContainerResolver node(String name) throws Exception {
        Path root = Path.of(ContainerResolverTest.class.getResource("/host/containers/" + name).toURI());
        return new ContainerResolver(new HostFileReader(HostPaths.of(root)));
    }

    /** One process in {@code cgroupLine}, and its container's {@code config.json} in {@code folder}/userdata, returned. */
    private static Path oneContainer(Path root, long pid, String cgroupLine, String folder, String config)
            throws Exception {
        Path proc = Files.createDirectories(root.resolve("proc/" + pid));
        Files.writeString(proc.resolve("cgroup"), cgroupLine + "\n");
        Path userdata = Files.createDirectories(root.resolve(folder + "/userdata"));
        Files.writeString(userdata.resolve("config.json"), config);
        return userdata;
    }

    private static ContainerRefException refused(ThrowingCallable call, Kind kind) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(ContainerRefException.class);
        ContainerRefException e = (ContainerRefException) thrown;
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
        return e;
    }

    // ---- containers() per layout

    @Test
    void dockerCgroupfsDriver() throws Exception {
        assertThat(node("docker-cgroupfs").containers()).containsExactly(new ContainerIdentity(NOTEBOOK, "docker",
                Optional.of("notebook"), Optional.empty(), Optional.empty(), Optional.empty(), 3100, Optional.empty()));
    }

    @Test
    void dockerSystemdDriverWithItsMobyBundle() throws Exception {
        assertThat(node("docker-systemd").containers()).containsExactly(
                new ContainerIdentity(EVAL, "docker", Optional.of("trainer-eval"), Optional.empty(), Optional.empty(),
                        Optional.empty(), 4400, Optional.empty()),
                new ContainerIdentity(TRAINER, "docker", Optional.of("trainer"), Optional.empty(), Optional.empty(),
                        Optional.empty(), 4242, Optional.of(TASKS + "moby/" + TRAINER + "/config.json")));
    }

    @Test
    void containerdPodsListTheirContainersButNotTheirPauseContainers() throws Exception {
        assertThat(node("k8s-containerd").containers()).containsExactly(
                new ContainerIdentity(POD_TRAINER, "containerd", Optional.of("trainer"), Optional.of("train-job-0"),
                        Optional.of("ml"), Optional.of("8d3f6a2e-91c4-4b7a-a5e0-1f2d3c4b5a69"), 5100,
                        Optional.of(TASKS + "k8s.io/" + POD_TRAINER + "/config.json")),
                new ContainerIdentity(SIDECAR, "containerd", Optional.of("sidecar"), Optional.of("train-job-0"),
                        Optional.of("ml"), Optional.of("8d3f6a2e-91c4-4b7a-a5e0-1f2d3c4b5a69"), 5200,
                        Optional.of(TASKS + "k8s.io/" + SIDECAR + "/config.json")),
                new ContainerIdentity(NOTEBOOK_TRAINER, "containerd", Optional.of("trainer"), Optional.of("notebook-0"),
                        Optional.of("research"), Optional.of("0c9e8d7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f"), 6100,
                        Optional.of(TASKS + "k8s.io/" + NOTEBOOK_TRAINER + "/config.json")));
    }

    @Test
    void crioPodWithoutItsInfraContainerOrConmon() throws Exception {
        assertThat(node("k8s-crio").containers()).containsExactly(new ContainerIdentity(TRITON, "cri-o",
                Optional.of("triton"), Optional.of("inference-7d9f8c-x2k4q"), Optional.of("serving"),
                Optional.of("4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d"), 7060,
                Optional.of("/run/containers/storage/overlay-containers/" + TRITON + "/userdata/config.json")));
    }

    @Test
    void podmanContainerIsNamedByItsStoragesContainersJson() throws Exception {
        assertThat(node("podman").containers()).containsExactly(new ContainerIdentity(PODMAN, "podman",
                Optional.of("pm-trainer"), Optional.empty(), Optional.empty(), Optional.empty(), 8100,
                Optional.of("/var/lib/containers/storage/overlay-containers/" + PODMAN + "/userdata/config.json")));
    }

    @Test
    void aPodmanContainerIsFoundByItsName() throws Exception {
        assertThat(node("podman").resolve("pm-trainer").id()).isEqualTo(PODMAN);
    }

    @Test
    void aPodmanContainerOnVfsStorageIsNamedToo(@TempDir Path root) throws Exception {
        String id = "cd".repeat(32);
        Path userdata = oneContainer(root, 910, "4:memory:/libpod_parent/libpod-" + id,
                "var/lib/containers/storage/vfs-containers/" + id,
                "{\"annotations\":{\"io.container.manager\":\"libpod\"}}");
        Files.writeString(userdata.getParent().getParent().resolve("containers.json"),
                "[{\"id\":\"" + id + "\",\"names\":[\"pm-vfs\"]}]");

        ContainerIdentity only = new ContainerResolver(new HostFileReader(HostPaths.of(root))).resolve("pm-vfs");

        assertThat(only.id()).isEqualTo(id);
        assertThat(only.bundle()).hasValue("/var/lib/containers/storage/vfs-containers/" + id + "/userdata/config.json");
    }

    @Test
    void aBareIdUnderKubepodsIsCrioWhenCrioFilesAreFound(@TempDir Path root) throws Exception {
        String id = "ab".repeat(32);
        oneContainer(root, 900, "0::/kubepods/besteffort/pod4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d/" + id,
                "run/containers/storage/overlay-containers/" + id,
                "{\"annotations\":{\"io.kubernetes.container.name\":\"app\"}}");

        ContainerIdentity only = new ContainerResolver(new HostFileReader(HostPaths.of(root))).containers().get(0);

        assertThat(only.runtime()).isEqualTo("cri-o");
        assertThat(only.name()).hasValue("app");
        assertThat(only.podUid()).hasValue("4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d");
        assertThat(only.pid()).isEqualTo(900);
    }

    @Test
    void aContainerWithoutFilesIsStillListedByItsOldestProcess(@TempDir Path root) throws Exception {
        String id = "cd".repeat(32);
        for (int[] process : new int[][] {{950, 500}, {951, 400}, {952, 600}}) {
            Path dir = Files.createDirectories(root.resolve("proc/" + process[0]));
            Files.writeString(dir.resolve("cgroup"), "0::/system.slice/docker-" + id + ".scope\n");
            Files.writeString(dir.resolve("stat"), process[0] + " (sh) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 "
                    + process[1] + " 0 0");
        }

        assertThat(new ContainerResolver(new HostFileReader(HostPaths.of(root))).containers())
                .containsExactly(new ContainerIdentity(id, "docker", Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), 951, Optional.empty()));
    }

    @Test
    void aHostWithMoreProcessesThanAFolderListingHoldsStillShowsEveryContainer(@TempDir Path root) throws Exception {
        int processes = HostFileReader.MAX_LISTING + 200;
        Path proc = Files.createDirectories(root.resolve("proc"));
        for (int pid = 1; pid <= processes; pid++) {
            // Processes that exited while /proc was listed: only their folders are left.
            Files.createDirectory(proc.resolve(Integer.toString(pid)));
        }
        for (String id : new String[] {"01".repeat(32), "02".repeat(32), "03".repeat(32)}) {
            Path dir = Files.createDirectories(root.resolve("proc/" + (processes + 1 + id.charAt(1) - '0')));
            Files.writeString(dir.resolve("cgroup"), "0::/system.slice/docker-" + id + ".scope\n");
        }

        assertThat(new ContainerResolver(new HostFileReader(HostPaths.of(root))).containers()).hasSize(3);
    }

    @Test
    void aHostWithoutContainersListsNone(@TempDir Path root) {
        assertThat(new ContainerResolver(new HostFileReader(HostPaths.of(root))).containers()).isEmpty();
    }

    @Test
    void aRecentScanIsSharedAndAnOlderOneIsMadeAgain(@TempDir Path root) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
        ContainerResolver resolver = new ContainerResolver(new HostFileReader(HostPaths.of(root)), clock);
        String first = "ab".repeat(32);
        writeCgroup(root, 700, first);
        ContainerResolver.Sweep watched = resolver.running(Duration.ZERO);
        writeCgroup(root, 701, "cd".repeat(32));

        clock.advance(Duration.ofSeconds(4));
        assertThat(resolver.running(Duration.ofSeconds(5))).isSameAs(watched);
        clock.advance(Duration.ofSeconds(1));
        assertThat(resolver.running(Duration.ofSeconds(5)).containers()).hasSize(2);
    }

    private static void writeCgroup(Path root, int pid, String id) throws IOException {
        Path dir = Files.createDirectories(root.resolve("proc/" + pid));
        Files.writeString(dir.resolve("cgroup"), "0::/system.slice/docker-" + id + ".scope\n");
    }

    // ---- resolve(REF)

    @Test
    void fullIdPrefixAndNameOfADockerContainer() throws Exception {
        ContainerResolver docker = node("docker-systemd");

        assertThat(docker.resolve(TRAINER).name()).hasValue("trainer");
        assertThat(docker.resolve("3f4e5a6b7c8d9").id()).isEqualTo(TRAINER);
        assertThat(docker.resolve("trainer").id()).isEqualTo(TRAINER);
        assertThat(docker.resolve("trainer-eval").id()).isEqualTo(EVAL);
    }

    @Test
    void aPrefixSharedByTwoContainersIsAmbiguousAndListsUniquePrefixes() throws Exception {
        ContainerRefException e = refused(() -> node("docker-systemd").resolve("3f4e5a6b7c8d"), Kind.AMBIGUOUS);

        assertThat(e.nearMatches()).containsExactlyInAnyOrder("3f4e5a6b7c8d0", "3f4e5a6b7c8d9");
        assertThat(e.getMessage()).contains("2 containers have ids starting with 3f4e5a6b7c8d");
    }

    @Test
    void aPrefixShorterThanTwelveIsRefusedWithTheIdsItMatches() throws Exception {
        ContainerRefException e = refused(() -> node("docker-cgroupfs").resolve("5c1e0f"), Kind.UNKNOWN);

        assertThat(e.getMessage()).contains("at least 12 hex characters");
        assertThat(e.nearMatches()).containsExactly("5c1e0f3a9b7d");
    }

    @Test
    void anUnknownIdPrefixSuggestsAnIdOneTypoAway() throws Exception {
        ContainerRefException e = refused(() -> node("docker-cgroupfs").resolve("5c1e0f3a9b8d24"), Kind.UNKNOWN);

        assertThat(e.nearMatches()).containsExactly("5c1e0f3a9b7d");
    }

    @Test
    void anUnknownNameSuggestsTheNearOnes() throws Exception {
        ContainerRefException e = refused(() -> node("docker-systemd").resolve("trainr"), Kind.UNKNOWN);

        assertThat(e.nearMatches()).containsExactly("trainer");
        assertThat(e.getMessage()).isEqualTo("no container named \"trainr\"; did you mean: trainer");
    }

    @Test
    void aNameUnknownWhereTheEnginesRecordsAreClosedToThisUserIsACouldNotLookNotANoSuchContainer(@TempDir Path root)
            throws Exception {
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "root reads a folder of mode 000: run the tests as another user to close one");
        Path proc = Files.createDirectories(root.resolve("proc/950"));
        Files.writeString(proc.resolve("cgroup"), "0::/system.slice/docker-" + "cd".repeat(32) + ".scope\n");
        Path records = Files.createDirectories(root.resolve("var/lib/docker/containers"));
        Files.setPosixFilePermissions(records, Set.of());
        try {
            ContainerRefException e = refused(() -> new ContainerResolver(new HostFileReader(HostPaths.of(root)))
                    .resolve("comfyui"), Kind.DENIED);

            assertThat(e.getMessage()).contains("could not look for \"comfyui\"")
                    .contains("permission denied on /var/lib/docker/containers/")
                    .contains("sudo gpu-doctor diagnose --container comfyui");
        } finally {
            Files.setPosixFilePermissions(records, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aNameUnknownWhereEveryContainerIsNamedIsStillNoSuchContainer(@TempDir Path root) throws Exception {
        Path proc = Files.createDirectories(root.resolve("proc/950"));
        Files.writeString(proc.resolve("cgroup"), "0::/system.slice/docker-" + "cd".repeat(32) + ".scope\n");

        refused(() -> new ContainerResolver(new HostFileReader(HostPaths.of(root))).resolve("comfyui"), Kind.UNKNOWN);
    }

    @Test
    void anUnknownNameFarFromAllHasNoSuggestion() throws Exception {
        ContainerRefException e = refused(() -> node("docker-systemd").resolve("postgres"), Kind.UNKNOWN);

        assertThat(e.nearMatches()).isEmpty();
    }

    @Test
    void pidOfAContainerProcessNamesItsContainer() throws Exception {
        assertThat(node("docker-systemd").resolve("4300").id()).isEqualTo(TRAINER);
        assertThat(node("k8s-containerd").resolve("5150").id()).isEqualTo(POD_TRAINER);
        assertThat(node("podman").resolve("8100").id()).isEqualTo(PODMAN);
    }

    @Test
    void containerOfAPidGivesTheSameIdentityAsTheFullListWithoutScanning() throws Exception {
        ContainerResolver k8s = node("k8s-containerd");
        ContainerIdentity listed = k8s.containers().stream().filter(c -> c.id().equals(POD_TRAINER)).findFirst()
                .orElseThrow();

        assertThat(k8s.containerOf(5150)).contains(listed);
        assertThat(node("docker-cgroupfs").containerOf(3100).map(ContainerIdentity::name))
                .contains(Optional.of("notebook"));
    }

    @Test
    void containerOfAHostProcessAPauseProcessOrAMissingPidIsEmpty() throws Exception {
        ContainerResolver k8s = node("k8s-containerd");

        assertThat(k8s.containerOf(700)).isEmpty();
        assertThat(k8s.containerOf(5000)).isEmpty();
        assertThat(k8s.containerOf(31337)).isEmpty();
    }

    @Test
    void pidOfAHostProcessIsNotInAContainer() throws Exception {
        ContainerRefException e = refused(() -> node("docker-systemd").resolve("812"), Kind.UNKNOWN);

        assertThat(e.getMessage()).isEqualTo("process 812 (dockerd) is not in a container: it is a host process");
    }

    @Test
    void conmonIsAHostProcess() throws Exception {
        assertThat(refused(() -> node("k8s-crio").resolve("7050"), Kind.UNKNOWN).getMessage())
                .contains("not in a container");
    }

    @Test
    void pidOfAPauseProcessIsNoWorkload() throws Exception {
        assertThat(refused(() -> node("k8s-containerd").resolve("5000"), Kind.UNKNOWN).getMessage())
                .contains("runs in " + PAUSE.substring(0, 12)).contains("sandbox");
    }

    @Test
    void aPidThatDoesNotRunIsUnknown() throws Exception {
        assertThat(refused(() -> node("docker-systemd").resolve("31337"), Kind.UNKNOWN).getMessage())
                .isEqualTo("no process 31337 on this host");
    }

    @Test
    void podContainerAndPodWithOneContainer() throws Exception {
        ContainerResolver k8s = node("k8s-containerd");

        assertThat(k8s.resolve("ml/train-job-0/sidecar").id()).isEqualTo(SIDECAR);
        assertThat(k8s.resolve("ml/train-job-0/trainer").id()).isEqualTo(POD_TRAINER);
        assertThat(k8s.resolve("research/notebook-0").id()).isEqualTo(NOTEBOOK_TRAINER);
        assertThat(node("k8s-crio").resolve("serving/inference-7d9f8c-x2k4q").id()).isEqualTo(TRITON);
        assertThat(node("k8s-crio").resolve("triton").id()).isEqualTo(TRITON);
    }

    @Test
    void aPodWithTwoContainersNeedsTheContainerNamed() throws Exception {
        ContainerRefException e = refused(() -> node("k8s-containerd").resolve("ml/train-job-0"), Kind.AMBIGUOUS);

        assertThat(e.nearMatches()).containsExactly("ml/train-job-0/sidecar", "ml/train-job-0/trainer");
    }

    @Test
    void aContainerNameUsedInTwoPodsIsAmbiguous() throws Exception {
        ContainerRefException e = refused(() -> node("k8s-containerd").resolve("trainer"), Kind.AMBIGUOUS);

        assertThat(e.nearMatches()).containsExactlyInAnyOrder("ml/train-job-0/trainer", "research/notebook-0/trainer");
    }

    @Test
    void anUnknownPodOrContainerSuggestsTheNearOnes() throws Exception {
        ContainerResolver k8s = node("k8s-containerd");

        assertThat(refused(() -> k8s.resolve("ml/train-job-1"), Kind.UNKNOWN).nearMatches()).containsExactly("ml/train-job-0");
        assertThat(refused(() -> k8s.resolve("default/notebook-0"), Kind.UNKNOWN).nearMatches())
                .containsExactly("research/notebook-0");
        assertThat(refused(() -> k8s.resolve("ml/train-job-0/trainr"), Kind.UNKNOWN).nearMatches())
                .containsExactly("ml/train-job-0/sidecar", "ml/train-job-0/trainer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/shadow", "/proc/1/environ", "ml/../../etc", "trainer\u0000", ".*", "tr[a-z]iner",
            "$(reboot)", "ml/train-job-0/trainer/../x", "0"})
    void hostileRefsAreInvalidBeforeAnythingIsRead(String ref) {
        // A root that does not exist: any read would find nothing and answer UNKNOWN, not INVALID.
        ContainerResolver nowhere = new ContainerResolver(new HostFileReader(HostPaths.of(Path.of("/nonexistent-root"))));

        refused(() -> nowhere.resolve(ref), Kind.INVALID);
    }

    @Test
    void aTenKilobyteRefIsInvalid() {
        ContainerResolver nowhere = new ContainerResolver(new HostFileReader(HostPaths.of(Path.of("/nonexistent-root"))));

        refused(() -> nowhere.resolve("x".repeat(10 * 1024)), Kind.INVALID);
    }

    @Test
    void aValidRefOnAnEmptyHostIsUnknown() {
        ContainerResolver nowhere = new ContainerResolver(new HostFileReader(HostPaths.of(Path.of("/nonexistent-root"))));

        refused(() -> nowhere.resolve("trainer"), Kind.UNKNOWN);
        refused(() -> nowhere.resolve("ml/train-job-0"), Kind.UNKNOWN);
    }
}
