package io.gpudoctor.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.metrics.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/build-version.sh: every commit builds a Debian version above the one before, so apt upgrades. */
class BuildVersionScriptTest {

    private static final Path SCRIPT = Path.of("..", "scripts", "build-version.sh").toAbsolutePath();
    private static final long FIRST_COMMIT = 1_796_000_000L;

    @TempDir
    Path dir;

    private ExternalTool.Result run(String tool, Path in, String... arguments) {
        ExternalTool.Result result = ExternalTool.require(tool).run(List.of(arguments), Optional.empty(), in,
                Map.of("GIT_AUTHOR_NAME", "t", "GIT_AUTHOR_EMAIL", "t@localhost", "GIT_COMMITTER_NAME", "t",
                        "GIT_COMMITTER_EMAIL", "t@localhost"), Duration.ofSeconds(30));
        assertThat(result.timedOut()).isFalse();
        return result;
    }

    private String version(Path tree) {
        ExternalTool.Result result = run("sh", tree, SCRIPT.toString(), "0.1.0-SNAPSHOT", tree.toString());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result.stdout().strip().replaceFirst("^gpudoctor\\.version=", "");
    }

    private Path repoWithCommits(int commits) throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        run("git", repo, "init", "-q");
        for (int i = 0; i < commits; i++) {
            commit(repo, FIRST_COMMIT + i * 60L);
        }
        return repo;
    }

    private void commit(Path repo, long epochSeconds) {
        String date = "@" + epochSeconds + " +0000";
        ExternalTool.Result result = run("git", repo, "-c", "commit.gpgsign=false", "commit", "-q", "--allow-empty",
                "-m", "c" + epochSeconds, "--date", date);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        // The committer date orders builds; --date sets only the author's, so amend it in.
        assertThat(ExternalTool.require("sh").run(List.of("-c", "GIT_COMMITTER_DATE='" + date
                + "' git -c commit.gpgsign=false commit -q --amend --no-edit --allow-empty"), Optional.empty(), repo,
                Map.of(), Duration.ofSeconds(30)).exitCode()).isZero();
    }

    private boolean debianLess(String a, String b) {
        return run("dpkg", dir, "--compare-versions", a, "lt", b).exitCode() == 0;
    }

    @Test
    void twoSuccessiveCommitsGiveIncreasingDebianVersions() throws IOException {
        Path repo = repoWithCommits(1);
        String first = version(repo);
        commit(repo, FIRST_COMMIT + 3600);
        String second = version(repo);

        assertThat(first).startsWith("0.1.0~dev20261130").contains("+g");
        assertThat(debianLess(first, second)).as(first + " < " + second).isTrue();
    }

    @Test
    void aTreeWithoutGitGetsAFallbackThatEveryGitBuildOutranks() throws IOException {
        Path tarball = Files.createDirectories(dir.resolve("gpu-doctor-0.1.0"));
        Path repo = repoWithCommits(1);

        assertThat(version(tarball)).isEqualTo("0.1.0~dev0+nogit");
        assertThat(debianLess("0.1.0~dev0+nogit", version(repo))).isTrue();
    }

    @Test
    void aCommitTaggedWithTheBaseVersionBuildsTheReleaseAboveEveryDevBuild() throws IOException {
        Path repo = repoWithCommits(2);
        String dev = version(repo);
        run("git", repo, "tag", "v0.1.0");

        assertThat(version(repo)).isEqualTo("0.1.0");
        assertThat(debianLess(dev, "0.1.0")).isTrue();
    }

    @Test
    void aShallowCloneGetsTheSameVersionAsTheFullHistory() throws IOException {
        Path repo = repoWithCommits(3);
        Path shallow = dir.resolve("shallow");
        List<String> clone = new ArrayList<>(List.of("clone", "-q", "--depth", "1", "file://" + repo, shallow.toString()));

        assertThat(run("git", dir, clone.toArray(String[]::new)).exitCode()).isZero();
        assertThat(version(shallow)).isEqualTo(version(repo));
    }
}
