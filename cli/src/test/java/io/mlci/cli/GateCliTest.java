package io.mlci.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlci.core.testing.GitRepos;
import io.mlci.core.testing.TrainingRepos;
import org.eclipse.jgit.api.Git;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

public class GateCliTest {

    private static final String RULES = """
            gate:
              rules:
                - "accuracy >= 0.2"
                - rule: "accuracy delta >= -0.05"
                  severity: unstable
            """;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path repo;
    private Git git;
    /** main's commit, as a CI server pins it before a pull request's code runs. */
    private String mainCommit;

    @Before
    public void baselineOnMain() throws Exception {
        repo = TrainingRepos.create(temp.getRoot().toPath(), TrainingRepos.MLCI_YAML + RULES, "ok");
        git = Git.open(repo.toFile());
        assertThat(mlci(Map.of(), "train", "--executor", "local").exitCode()).isZero();
        mainCommit = git.getRepository().resolve("refs/heads/main").name();
    }

    private CliRun mlci(Map<String, String> extra, String... args) {
        Map<String, String> env = new HashMap<>(Map.of("PATH", System.getenv("PATH")));
        env.putAll(extra);
        String[] all = new String[args.length + 2];
        all[0] = "-C";
        all[1] = repo.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.withEnvironment(env, all);
    }

    private CliRun pullRequest(double lr, String... gateArgs) throws Exception {
        git.checkout().setCreateBranch(!git.getRepository().getBranch().equals("feature")).setName("feature").call();
        Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(lr, "ok"));
        GitRepos.commitAll(git, "lr " + lr);
        Map<String, String> pr = Map.of("CHANGE_ID", "3", "CHANGE_TARGET", "main", "CHANGE_BRANCH", "feature",
                "MLCI_TARGET_COMMIT", mainCommit);
        CliRun train = mlci(pr, "train", "--executor", "local");
        assertThat(train.exitCode()).as(train.err()).isZero();
        return mlci(pr, gateArgs);
    }

    @Test
    public void shouldExitZeroWhenTheGatePasses() throws Exception {
        CliRun gate = pullRequest(0.52, "gate");

        assertThat(gate.exitCode()).as(gate.err()).isEqualTo(ExitCodes.OK);
        assertThat(gate.out()).startsWith("gate PASSED").contains("rules:    mlci.yaml at main (");
        // the fixed-threshold rule shows the baseline too
        assertThat(gate.out().lines().filter(line -> line.contains("accuracy >= 0.2")).findFirst()).get().asString()
                .contains("base 0.5").contains("cand 0.52").contains("+0.02");
    }

    @Test
    public void shouldSayInTheTitleThatAReusedRunWasComparedWithItself() throws Exception {
        CliRun gate = pullRequest(0.5, "gate", "--json");

        assertThat(gate.exitCode()).as(gate.err()).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(gate.out());
        assertThat(json.at("/baseline/sameTraining").asBoolean()).isTrue();
        assertThat(json.at("/check/title").asText()).startsWith("passed: compared run " + json.get("candidateRun").asText()
                + " with itself").contains("rubber stamp");
    }

    @Test
    public void shouldPrintOnlyTheVerdictWithQuiet() throws Exception {
        CliRun gate = pullRequest(0.52, "-q", "gate");

        assertThat(gate.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(gate.out().lines()).hasSize(1).first().asString().startsWith("gate PASSED");
        assertThat(gate.err()).isEmpty();
    }

    @Test
    public void shouldExitFourWhenTheGateIsUnstable() throws Exception {
        CliRun gate = pullRequest(0.4, "gate");

        assertThat(gate.exitCode()).isEqualTo(ExitCodes.GATE_UNSTABLE);
        assertThat(gate.out()).startsWith("gate UNSTABLE: accuracy");
    }

    @Test
    public void shouldExitThreeWhenTheGateFailsAndWriteTheReport() throws Exception {
        Path report = temp.getRoot().toPath().resolve("report.md");
        CliRun gate = pullRequest(0.1, "gate", "--report", report.toString(), "--json");

        assertThat(gate.exitCode()).isEqualTo(ExitCodes.GATE_FAILED);
        JsonNode json = new ObjectMapper().readTree(gate.out());
        assertThat(json.get("verdict").asText()).isEqualTo("failed");
        assertThat(json.get("conclusion").asText()).isEqualTo("failure");
        assertThat(json.at("/worst/metric").asText()).isEqualTo("accuracy");
        assertThat(report).content().startsWith("<!-- mlci-report -->\n## ❌ mlci gate failed");
        CliRun html = mlci(Map.of("CHANGE_ID", "3", "CHANGE_TARGET", "main"), "report", "--html",
                "--target-commit", mainCommit);
        assertThat(html.out()).startsWith("<!DOCTYPE html>").contains("class=\"failed\"");
        CliRun params = mlci(Map.of(), "params", "diff", "--base", "main");
        assertThat(params.out()).contains("train.lr").contains("0.5").contains("0.1");
        CliRun runs = mlci(Map.of("CHANGE_ID", "3"), "runs", "show", json.get("candidateRun").asText());
        assertThat(runs.out()).contains("gate").contains("failed");
        CliRun prSpace = mlci(Map.of(), "runs", "show", json.get("candidateRun").asText(), "--store", ".mlci/pr/3");
        assertThat(prSpace.out()).as("outside the build, the pull request's space is a store of its own").contains("failed");
    }

    @Test
    public void shouldRefuseToJudgeAPullRequestWhoseTargetWasNotPinned() throws Exception {
        pullRequest(0.5, "--version");

        CliRun gate = mlci(Map.of("CHANGE_ID", "3", "CHANGE_TARGET", "main"), "gate");

        assertThat(gate.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(gate.err()).contains("MLCI_TARGET_COMMIT: pull request 3 is judged by main's rules at a commit pinned")
                .contains("--target-commit");
    }

    @Test
    public void shouldListAPullRequestsRunsOnlyWhenAskedForThem() throws Exception {
        pullRequest(0.45, "gate");

        CliRun pr = mlci(Map.of(), "runs", "list", "--pr", "3");
        CliRun store = mlci(Map.of(), "runs", "list");
        CliRun other = mlci(Map.of(), "runs", "list", "--pr", "4");

        assertThat(pr.exitCode()).as(pr.err()).isZero();
        assertThat(pr.out().lines().skip(1).toList()).hasSize(1).allMatch(line -> line.contains("feature"));
        assertThat(store.out().lines().skip(1).toList()).hasSize(1).noneMatch(line -> line.contains("feature"));
        assertThat(other.out()).isEqualTo("no runs of pull request 4\n");

        // an id from the pull request's build log is shown, and its log read, outside the build too
        String id = pr.out().lines().skip(1).findFirst().orElseThrow().split(" ")[0];
        CliRun show = mlci(Map.of(), "runs", "show", id);
        CliRun log = mlci(Map.of(), "runs", "log", id);
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("run " + id).contains("feature");
        assertThat(log.exitCode()).as(log.err()).isZero();
        assertThat(log.out()).contains("training lr=0.45");
    }
}
