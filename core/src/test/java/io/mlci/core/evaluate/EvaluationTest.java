package io.mlci.core.evaluate;

import io.mlci.core.gate.RuleStatus;
import io.mlci.core.report.HtmlReport;
import io.mlci.core.report.MarkdownReport;
import io.mlci.core.report.ReportData;
import io.mlci.core.run.TrainOptions;
import io.mlci.core.run.Trainer;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;
import io.mlci.core.testing.GitRepos;
import io.mlci.core.testing.TrainingRepos;
import org.eclipse.jgit.api.Git;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A baseline trained on main, a pull-request branch that changes the learning rate (the test
 * training reports accuracy = lr), and the gate between them — through real git branches.
 */
public class EvaluationTest {

    private static final String RULES = """
            gate:
              rules:
                - metric: accuracy
                  direction: higher
                  change: { absolute: { min: -0.05 } }
            """;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path repo;
    private Git git;
    private RunRecord mainRun;

    @Before
    public void trainBaselineOnMain() throws Exception {
        repo = TrainingRepos.create(temp.getRoot().toPath(), TrainingRepos.MLCI_YAML + RULES, "ok");
        git = Git.open(repo.toFile());
        mainRun = train(Map.of());
    }

    private String mainCommit() {
        try {
            return git.getRepository().resolve("refs/heads/main").name();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private RunRecord train(Map<String, String> env) {
        List<String> sink = new ArrayList<>();
        Map<String, String> all = new HashMap<>(env);
        return new Trainer(repo, TrainingRepos.options(all, sink, sink).withExecutor(TrainOptions.ExecutorChoice.LOCAL))
                .train().record();
    }

    private void pullRequestWithLearningRate(double lr) throws Exception {
        git.checkout().setCreateBranch(true).setName("feature").call();
        Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(lr, "ok"));
        GitRepos.commitAll(git, "change lr");
    }

    private static final Map<String, String> PR = Map.of("CHANGE_ID", "7", "CHANGE_TARGET", "main", "CHANGE_BRANCH", "feature");

    /** In a pull-request build, main's commit is pinned as the CI server pins it before the pull request's code runs. */
    private EvaluationResult gate(Map<String, String> env, String baseline, boolean record) {
        EvaluationOptions options = EvaluationOptions.defaults(env).with(null, null, baseline, null, null);
        if (env.containsKey("CHANGE_ID")) {
            options = options.pinned(mainCommit(), null);
        }
        return new Evaluation(repo, options).run(record);
    }

    @Test
    public void shouldJudgeAPullRequestAgainstTheNewestPassingRunOfItsTarget() throws Exception {
        pullRequestWithLearningRate(0.3);
        RunRecord candidate = train(PR);

        EvaluationResult result = gate(PR, null, true);

        assertThat(result.candidate().id()).isEqualTo(candidate.id());
        assertThat(result.baseline().id()).isEqualTo(mainRun.id());
        assertThat(result.result().baseline().reason()).startsWith("the newest passing run of main at ");
        assertThat(result.result().verdict()).isEqualTo(RuleStatus.FAILED);
        assertThat(result.result().worst().delta()).isCloseTo(-0.2, org.assertj.core.api.Assertions.within(1e-9));
        try (RunStore store = RunStores.open(null, repo, PR)) {
            assertThat(store.latestFact(candidate.id(), "gate")).get()
                    .satisfies(fact -> assertThat(fact.body().get("verdict").asText()).isEqualTo("failed"));
        }
        try (RunStore store = RunStores.open(null, repo, Map.of())) {
            assertThat(store.find(candidate.id())).as("a pull request's run and verdict are kept under pr/7/ only").isEmpty();
            assertThat(repo.resolve(".mlci/pr/7/runs/" + candidate.id() + ".json")).exists();
        }
    }

    @Test
    public void shouldReadAPullRequestsRulesFromItsTargetBranch() throws Exception {
        pullRequestWithLearningRate(0.3);
        // the pull request loosens its own gate: it must not count
        Files.writeString(repo.resolve("mlci.yaml"), TrainingRepos.MLCI_YAML + RULES.replace("-0.05", "-1"));
        GitRepos.commitAll(git, "loosen the gate");
        train(PR);

        EvaluationResult pr = gate(PR, null, false);
        assertThat(pr.result().verdict()).isEqualTo(RuleStatus.FAILED);
        assertThat(pr.result().rulesFrom()).startsWith("mlci.yaml at main (");

        RunRecord branchBuild = train(Map.of()); // the same commit built as a plain branch: reused, no pull request
        assertThat(branchBuild.source().changeId()).isNull();
        EvaluationResult ownRules = new Evaluation(repo, EvaluationOptions.defaults(Map.of())
                .with(null, branchBuild.id(), null, "main", null)).run(false);
        assertThat(ownRules.result().rulesFrom()).contains("working tree");
        assertThat(ownRules.result().verdict()).as("outside a pull request the branch's own rules apply")
                .isEqualTo(RuleStatus.PASSED);
    }

    @Test
    public void shouldNeverTakeARunAsItsOwnBaseline() {
        EvaluationResult onMain = gate(Map.of(), null, true);

        assertThat(onMain.candidate().id()).isEqualTo(mainRun.id());
        assertThat(onMain.baseline()).isNull();
        assertThat(onMain.result().rubberStamp()).isTrue();
        assertThat(onMain.result().verdict()).isEqualTo(RuleStatus.PASSED);
    }

    @Test
    public void shouldFindTheRunOfTheMergeBaseOrOneNamedOrNone() throws Exception {
        pullRequestWithLearningRate(0.45);
        train(PR);

        assertThat(gate(PR, "merge-base", false).baseline().id()).isEqualTo(mainRun.id());
        assertThat(gate(PR, "merge-base", false).result().baseline().reason()).startsWith("the run of the merge base");
        assertThat(gate(PR, "run:" + mainRun.id(), false).baseline().id()).isEqualTo(mainRun.id());
        EvaluationResult none = gate(PR, "none", false);
        assertThat(none.baseline()).isNull();
        assertThat(none.result().rubberStamp()).isTrue();
    }

    @Test
    public void shouldLinkTheBaselinesBuild() throws Exception {
        Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(0.55, "ok"));
        GitRepos.commitAll(git, "main moves on");
        train(Map.of("BUILD_URL", "https://ci.example/job/repo/main/8/", "BRANCH_NAME", "main"));
        pullRequestWithLearningRate(0.3);
        train(PR);

        String markdown = MarkdownReport.render(ReportData.of(gate(PR, null, false), null));

        assertThat(markdown).contains("[Baseline build](https://ci.example/job/repo/main/8/)");
    }

    @Test
    public void shouldWriteAReportThatLeadsWithTheVerdictAndStaysUnderTheLimit() throws Exception {
        pullRequestWithLearningRate(0.3);
        train(PR);
        EvaluationResult result = gate(PR, null, false);

        String markdown = MarkdownReport.render(ReportData.of(result, "https://ci.example/job/1/mlci"));

        String[] lines = markdown.split("\n");
        assertThat(lines[0]).isEqualTo(MarkdownReport.MARKER);
        assertThat(lines[1]).startsWith("## ❌ mlci gate failed — accuracy");
        assertThat(markdown).contains("| accuracy | 0.5 | 0.3 | -0.2 | -40% |")
                .contains("### Params that changed").contains("| train.lr | 0.5 | 0.3 |")
                .contains("[Dashboard](https://ci.example/job/1/mlci)");
        assertThat(markdown.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(MarkdownReport.LIMIT);
        assertThat(HtmlReport.render(ReportData.of(result, null))).contains("<td class=\"failed\">failed</td>")
                .doesNotContain("<script");
    }
}
