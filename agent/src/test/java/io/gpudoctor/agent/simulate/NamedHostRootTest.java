package io.gpudoctor.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpudoctor.agent.host.proc.ProcStat;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NamedHostRootTest {

    private static final String NAMED_BASE = "/io/gpudoctor/agent/scenarios/";

    static List<String> named() {
        return ScenarioLoader.namedScenarios();
    }

    @ParameterizedTest
    @MethodSource("named")
    void every_named_scenario_brings_its_host_root_in_a_private_folder(String name) throws Exception {
        Path root = ScenarioLoader.load(name).hostRoot().orElseThrow();

        assertThat(root).isDirectory();
        assertThat(Files.getPosixFilePermissions(root)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
        assertThat(root.resolve("proc/stat")).isRegularFile();
        assertThat(root.resolve("proc/driver/nvidia/version")).isRegularFile();
    }

    @ParameterizedTest
    @MethodSource("named")
    void every_copied_file_and_folder_is_dated_an_hour_before_the_tree_booted(String name) throws Exception {
        Path root = ScenarioLoader.load(name).hostRoot().orElseThrow();
        long btime = ProcStat.bootTime(Files.readString(root.resolve("proc/stat")))
                .orElseThrow();
        FileTime expected = FileTime.from(Instant.ofEpochSecond(btime).minus(NamedHostRoot.BEFORE_BOOT));

        try (Stream<Path> walk = Files.walk(root)) {
            assertThat(walk.toList()).allSatisfy(p -> assertThat(Files.getLastModifiedTime(p)).isEqualTo(expected));
        }
    }

    @ParameterizedTest
    @MethodSource("named")
    void the_root_index_lists_exactly_the_files_of_the_root_folder_sorted(String name) throws Exception {
        Path folder = resourceFolder(NAMED_BASE + name + "/" + ScenarioLoader.HOST_ROOT + "/");
        List<String> index = HostRootIndex.parse(name, resourceText(NAMED_BASE + name + "/" + HostRootIndex.FILE),
                NamedHostRoot.MAX_FILES);

        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> paths = walk.filter(p -> !p.equals(folder)).toList();
            assertThat(paths).noneMatch(Files::isSymbolicLink);
            List<String> files = paths.stream().filter(Files::isRegularFile)
                    .map(p -> folder.relativize(p).toString()).sorted().toList();
            assertThat(index).isSorted().containsExactlyElementsOf(files);
        }
    }

    @ParameterizedTest
    @MethodSource("named")
    void the_extracted_tree_holds_every_file_with_the_shipped_content(String name) throws Exception {
        Path root = ScenarioLoader.load(name).hostRoot().orElseThrow();
        Path folder = resourceFolder(NAMED_BASE + name + "/" + ScenarioLoader.HOST_ROOT + "/");

        for (String entry : HostRootIndex.parse(name, resourceText(NAMED_BASE + name + "/" + HostRootIndex.FILE),
                NamedHostRoot.MAX_FILES)) {
            assertThat(root.resolve(entry)).hasSameBinaryContentAs(folder.resolve(entry));
        }
    }

    @Test
    void a_named_scenario_is_extracted_once_however_often_it_is_loaded() throws ScenarioException {
        assertThat(ScenarioLoader.load("dgx-h100").hostRoot()).isEqualTo(ScenarioLoader.load("dgx-h100").hostRoot());
    }

    @Test
    void a_tree_without_a_boot_time_is_dated_at_the_fixed_instant() throws Exception {
        Path root = NamedHostRoot.extract("test-indexed-root", "/simulate/indexed-root/").orElseThrow();

        assertThat(root.resolve("etc/hostname")).hasContent("indexed");
        assertThat(Files.getLastModifiedTime(root.resolve("etc/hostname")).toInstant())
                .isEqualTo(NamedHostRoot.WITHOUT_BOOT_TIME);
    }

    @Test
    void a_scenario_folder_without_an_index_has_no_host_root() throws ScenarioException {
        assertThat(NamedHostRoot.extract("test-no-index", "/simulate/lab-l4/")).isEmpty();
    }

    @Test
    void an_index_entry_without_its_file_is_a_scenario_error_naming_it() {
        assertThatThrownBy(() -> NamedHostRoot.extract("test-missing-entry", "/simulate/missing-entry/"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("classpath:/simulate/missing-entry/root.index")
                .hasMessageContaining("'etc/absent' is listed but not in the jar");
    }

    @Test
    void an_index_entry_outside_the_tree_is_refused_with_its_line() {
        for (String entry : List.of("/etc/passwd", "../scenario.yaml", "etc/../../x", "./etc/hostname", "etc\\hostname")) {
            assertThatThrownBy(() -> HostRootIndex.parse("root.index", "# header\n" + entry + "\n", 10))
                    .as(entry)
                    .isInstanceOf(ScenarioException.class)
                    .hasMessageStartingWith("root.index:2: '" + entry + "'");
        }
    }

    @Test
    void an_entry_listed_twice_is_refused() {
        assertThatThrownBy(() -> HostRootIndex.parse("root.index", "etc/a\netc/b\netc/a\n", 10))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("root.index:3: 'etc/a' is listed twice");
    }

    @Test
    void an_index_over_the_file_cap_is_refused() {
        assertThatThrownBy(() -> HostRootIndex.parse("root.index", "a\nb\nc\n", 2))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("root.index:3: more than 2 files; the tree is refused");
    }

    @Test
    void blank_lines_and_comments_are_not_entries() throws ScenarioException {
        assertThat(HostRootIndex.parse("root.index", "# files\n\netc/a\n  # indented comment\netc/b\n", 10))
                .containsExactly("etc/a", "etc/b");
    }

    @Test
    void deleting_a_tree_removes_every_file_and_folder() throws IOException {
        Path root = Files.createTempDirectory("gpu-doctor-test-");
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/c"), "x");

        NamedHostRoot.delete(root);

        assertThat(root).doesNotExist();
    }

    private static Path resourceFolder(String resource) throws URISyntaxException {
        return Path.of(NamedHostRootTest.class.getResource(resource).toURI());
    }

    private static String resourceText(String resource) throws IOException, URISyntaxException {
        return Files.readString(resourceFolder(resource), StandardCharsets.UTF_8);
    }
}
