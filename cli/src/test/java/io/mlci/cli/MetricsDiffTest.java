package io.mlci.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlci.core.testing.GitRepos;
import io.mlci.core.testing.TestRepos;
import org.eclipse.jgit.api.Git;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** metrics diff and params diff between the working tree and a git revision, as DVC users know them. */
public class MetricsDiffTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldCompareTheWorkingTreeWithHeadLikeDvc() throws Exception {
        Path repo = temp.getRoot().toPath();
        try (Git git = GitRepos.init(repo)) {
            TestRepos.write(repo, "mlci.yaml", "metrics:\n  files: [eval/metrics.json, eval/extra.yaml]\n");
            TestRepos.write(repo, "eval/metrics.json", "{\"accuracy\": 0.9, \"loss\": 0.3, \"name\": \"base\"}");
            TestRepos.write(repo, "params.yaml", "lr: 0.1\nlayers: [64, 32]\n");
            GitRepos.commitAll(git, "baseline");
        }
        TestRepos.write(repo, "eval/metrics.json", "{\"accuracy\": 0.912345678, \"loss\": 0.3, \"name\": \"next\"}");
        TestRepos.write(repo, "eval/extra.yaml", "f1: 0.8\n");
        TestRepos.write(repo, "params.yaml", "lr: 0.2\nlayers: [64, 32]\n");

        CliRun diff = CliRun.of("-C", repo.toString(), "metrics", "diff");
        assertThat(diff.exitCode()).as(diff.err()).isZero();
        assertThat(diff.out()).contains("accuracy").contains("0.9").contains("0.91235").contains("+0.012346")
                .contains("f1").doesNotContain("loss");
        assertThat(diff.out().lines().filter(l -> l.startsWith("name")).findFirst()).get().asString().contains("base")
                .contains("next").endsWith("-");
        assertThat(CliRun.of("-C", repo.toString(), "metrics", "diff", "--all").out()).contains("loss");

        JsonNode json = new ObjectMapper().readTree(CliRun.of("-C", repo.toString(), "--json", "params", "diff").out());
        assertThat(json.get("params")).hasSize(1);
        assertThat(json.at("/params/0/name").asText()).isEqualTo("lr");
        assertThat(json.get("old").asText()).startsWith("HEAD (");
        assertThat(CliRun.of("-C", repo.toString(), "metrics", "diff", "--base", "no-such-branch").err())
                .contains("no-such-branch").contains("is not a branch or revision");
    }

    @Test
    public void shouldTakeTheBaseFromThisClonesHeadAsGitRevParseDoes() throws Exception {
        Path origin = temp.getRoot().toPath().resolve("origin");
        try (Git git = GitRepos.init(origin)) {
            TestRepos.write(origin, "mlci.yaml", "metrics:\n  files: [metrics.json]\n");
            for (String value : new String[] {"0.1", "0.2"}) {
                commitValue(git, origin, value);
            }
        }
        Path clone = temp.getRoot().toPath().resolve("clone");
        try (Git git = Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(clone.toFile()).call()) {
            // what 'git clone' leaves: origin/HEAD naming the remote's default branch
            org.eclipse.jgit.lib.RefUpdate head = git.getRepository().updateRef("refs/remotes/origin/HEAD");
            head.link("refs/remotes/origin/" + git.getRepository().getBranch());
            for (String value : new String[] {"0.3", "0.4"}) {
                commitValue(git, clone, value);
            }
            assertThat(git.getRepository().resolve("origin/HEAD")).isNotEqualTo(git.getRepository().resolve("HEAD"));
        }
        TestRepos.write(clone, "metrics.json", "{\"accuracy\": 0.5}");
        TestRepos.write(clone, "params.yaml", "lr: 0.5\n");

        JsonNode metrics = new ObjectMapper().readTree(CliRun.of("-C", clone.toString(), "--json", "metrics", "diff").out());
        assertThat(metrics.get("old").asText()).startsWith("HEAD (");
        assertThat(metrics.at("/metrics/0/old").asDouble()).isEqualTo(0.4);
        JsonNode back = new ObjectMapper().readTree(CliRun.of("-C", clone.toString(), "--json", "metrics", "diff",
                "--base", "HEAD~1").out());
        assertThat(back.get("old").asText()).startsWith("HEAD~1 (");
        assertThat(back.at("/metrics/0/old").asDouble()).isEqualTo(0.3);
        JsonNode params = new ObjectMapper().readTree(CliRun.of("-C", clone.toString(), "--json", "params", "diff").out());
        assertThat(params.at("/params/0/old").asDouble()).isEqualTo(0.4);
        JsonNode remote = new ObjectMapper().readTree(CliRun.of("-C", clone.toString(), "--json", "params", "diff",
                "--base", "origin/HEAD").out());
        assertThat(remote.at("/params/0/old").asDouble()).isEqualTo(0.2);
    }

    private static void commitValue(Git git, Path repo, String value) throws Exception {
        TestRepos.write(repo, "metrics.json", "{\"accuracy\": " + value + "}");
        TestRepos.write(repo, "params.yaml", "lr: " + value + "\n");
        GitRepos.commitAll(git, "accuracy " + value);
    }

    @Test
    public void shouldCompareIgnoredMetricsOutputsWithTheBaseRunsRecordedValues() throws Exception {
        Path repo = io.mlci.core.testing.TrainingRepos.create(temp.getRoot().toPath());
        java.util.Map<String, String> env = java.util.Map.of("MLCI_BRANCH", "main", "PATH", System.getenv("PATH"));
        String base = new ObjectMapper().readTree(CliRun.in(repo, env, "train", "--executor", "local", "--json").out())
                .at("/run/id").asText();
        TestRepos.write(repo, "params.yaml", io.mlci.core.testing.TrainingRepos.params(0.75, "ok"));
        assertThat(CliRun.in(repo, env, "train", "--executor", "local").exitCode()).isZero();

        CliRun diff = CliRun.in(repo, env, "--json", "metrics", "diff");

        assertThat(diff.exitCode()).as(diff.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(diff.out());
        assertThat(json.get("old").asText()).startsWith("HEAD (").contains("run " + base);
        assertThat(json.get("metrics")).hasSize(1);
        assertThat(json.at("/metrics/0/name").asText()).isEqualTo("accuracy");
        assertThat(json.at("/metrics/0/old").asDouble()).isEqualTo(0.5);
        assertThat(json.at("/metrics/0/new").asDouble()).isEqualTo(0.75);
    }
}
