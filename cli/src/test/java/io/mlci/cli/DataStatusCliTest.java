package io.mlci.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlci.core.testing.TestRepos;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** 'mlci data status' as a pre-merge check: which files changed, what the remote lacks, exit 1 when out of date. */
public class DataStatusCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldExitOneWithCheckWhenTheWorkspaceOrTheRemoteIsOutOfDate() throws Exception {
        Path repo = temp.newFolder("repo").toPath().toRealPath();
        String dir = repo.toString();
        TestRepos.write(repo, "data/a.csv", "a");
        TestRepos.write(repo, "data/b.csv", "b");
        CliRun.of("-C", dir, "-q", "data", "add", "data");
        CliRun.of("-C", dir, "remote", "add", "store", "../remote", "--default");

        CliRun clean = CliRun.of("-C", dir, "data", "status", "--check");
        CliRun remoteBehind = CliRun.of("-C", dir, "data", "status", "-c", "--check");
        assertThat(clean.exitCode()).isZero();
        assertThat(remoteBehind.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(remoteBehind.out()).contains("remote store", "data", "3 of 3 objects missing");

        CliRun.of("-C", dir, "-q", "data", "push");
        assertThat(CliRun.of("-C", dir, "data", "status", "-c", "--check").exitCode()).isZero();

        Files.writeString(repo.resolve("data/a.csv"), "changed");
        TestRepos.write(repo, "data/c.csv", "c");
        CliRun changed = CliRun.of("-C", dir, "data", "status", "--check");
        CliRun json = CliRun.of("-C", dir, "--json", "data", "status", "-c");

        assertThat(changed.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(changed.out()).contains("1 new, 1 modified, 0 deleted", "new: c.csv", "modified: a.csv");
        JsonNode row = JSON.readTree(json.out()).path("outputs").get(0);
        assertThat(row.path("changes").path("new").get(0).asText()).isEqualTo("c.csv");
        assertThat(JSON.readTree(json.out()).path("remote").get(0).path("missing").asInt()).isZero();
        assertThat(JSON.readTree(json.out()).path("upToDate").asBoolean()).isFalse();
    }

    @Test
    public void shouldListWhatChangedPerPipelineStageAsDvcStatusDoes() throws Exception {
        Path repo = temp.newFolder("pipeline").toPath().toRealPath();
        String dir = repo.toString();
        org.eclipse.jgit.api.Git.init().setDirectory(repo.toFile()).call().close();
        TestRepos.write(repo, "in.txt", "one\n");
        TestRepos.write(repo, "params.yaml", "train:\n  lr: 0.1\n");
        TestRepos.write(repo, "dvc.yaml", """
                stages:
                  copy:
                    cmd: cp in.txt out.txt
                    deps:
                    - in.txt
                    params:
                    - train.lr
                    outs:
                    - out.txt
                """);
        CliRun repro = CliRun.of("-C", dir, "repro");
        assertThat(repro.exitCode()).as(repro.out() + repro.err()).isZero();
        assertThat(CliRun.of("-C", dir, "data", "status", "--check").out()).contains("pipelines are up to date (1 stages)");

        TestRepos.write(repo, "in.txt", "two\n");
        TestRepos.write(repo, "params.yaml", "train:\n  lr: 0.2\n");
        TestRepos.write(repo, "dvc.yaml", Files.readString(repo.resolve("dvc.yaml")).replace("cp in.txt", "cp -f in.txt"));
        CliRun text = CliRun.of("-C", dir, "data", "status", "copy", "--check");
        JsonNode json = JSON.readTree(CliRun.of("-C", dir, "--json", "data", "status").out());

        assertThat(text.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(text.out()).containsSubsequence("copy:", "    changed deps:", "        modified:", "in.txt",
                "        params.yaml:", "            modified:", "train.lr", "    changed command",
                "1 of 1 pipeline stages changed");
        JsonNode copy = json.path("stages").path("copy");
        assertThat(copy.get(0).path("changed deps").path("in.txt").asText()).isEqualTo("modified");
        assertThat(copy.get(0).path("changed deps").path("params.yaml").path("train.lr").asText()).isEqualTo("modified");
        assertThat(copy.get(1).asText()).isEqualTo("changed command");
        assertThat(json.path("upToDate").asBoolean()).isFalse();
    }
}
