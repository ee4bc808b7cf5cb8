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
}
