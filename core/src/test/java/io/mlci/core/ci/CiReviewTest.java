package io.mlci.core.ci;

import io.mlci.core.InvalidInputException;
import io.mlci.core.evaluate.EvaluationOptions;
import io.mlci.core.gate.RuleStatus;
import io.mlci.core.report.MarkdownReport;
import io.mlci.core.report.Threshold;
import io.mlci.core.registry.Actor;
import io.mlci.core.registry.ModelRef;
import io.mlci.core.registry.ModelRegistry;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;
import io.mlci.core.testing.TrainedPullRequest;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The build summary a CI gate step gets back, from a real main-branch baseline and a real pull request. */
public class CiReviewTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path repo;

    private TrainedPullRequest pullRequest;

    private RunRecord mainAndPullRequest(double lr) throws Exception {
        pullRequest = TrainedPullRequest.create(temp.getRoot().toPath(), lr);
        repo = pullRequest.root();
        return pullRequest.candidate();
    }

    private BuildSummary judge(boolean record) {
        return new CiReview(repo, EvaluationOptions.defaults(pullRequest.pullRequestEnvironment())).judge(record, "ml-gate", null);
    }

    @Test
    public void shouldSumUpAFailingPullRequestForTheBuildPageAndTheCheck() throws Exception {
        RunRecord candidate = mainAndPullRequest(0.3);

        BuildSummary summary = judge(true);

        assertThat(summary.verdict()).isEqualTo(RuleStatus.FAILED);
        assertThat(summary.runId()).isEqualTo(candidate.id());
        assertThat(summary.baselineRunId()).isNotNull().isNotEqualTo(candidate.id());
        assertThat(summary.baselineBuildUrl()).isEqualTo(TrainedPullRequest.MAIN_BUILD);
        assertThat(summary.check().name()).isEqualTo("ml-gate");
        assertThat(summary.check().conclusion()).isEqualTo("FAILURE");
        assertThat(summary.check().title()).isEqualTo("failed: accuracy -0.2000 (-40.00%)");
        assertThat(summary.check().summary()).contains(MarkdownReport.MARKER).contains("accuracy");
        assertThat(summary.headline()).startsWith("mlci gate failed — accuracy");
        assertThat(summary.tables().get(0).rows().get(0)).containsSequence("accuracy", "0.5", "0.3");
        assertThat(summary.metrics()).containsEntry("accuracy", 0.3).containsEntry("loss", 0.25);
        assertThat(summary.thresholds()).containsEntry("accuracy", new Threshold(0.4, null));
        assertThat(summary.commit()).isEqualTo(candidate.source().commit());
        assertThat(summary.data()).extracting(d -> d.path()).containsExactly("data");
        assertThat(summary.outputs()).extracting(o -> o.path()).contains("model");
        assertThat(summary.outputFiles()).extracting(f -> f.path()).containsExactlyInAnyOrder("model/model.bin", "model/config.txt", "metrics.json");
        assertThat(summary.outputFiles()).allSatisfy(f -> assertThat(f.md5()).hasSize(32));
        assertThat(summary.asMap()).containsEntry("verdict", "failed").containsEntry("runId", candidate.id());
    }

    @Test
    public void shouldPassANeutralConclusionForAnUnstableGateAndSuccessForAPass() throws Exception {
        mainAndPullRequest(0.52);

        BuildSummary summary = judge(false);

        assertThat(summary.verdict()).isEqualTo(RuleStatus.PASSED);
        assertThat(summary.check().conclusion()).isEqualTo("SUCCESS");
        assertThat(summary.check().title()).startsWith("passed: accuracy +0.02");
    }

    @Test
    public void shouldSayWhatTheBaselineIsRegisteredAsFromTheSameStore() throws Exception {
        mainAndPullRequest(0.52);
        try (RunStore store = RunStores.open(null, repo, Map.of())) {
            ModelRegistry registry = new ModelRegistry(store);
            registry.register(pullRequest.baseline(), "churn", new Actor("ci", null), true, "baseline");
            registry.promote(ModelRef.parse("churn/1"), "production", new Actor("ci", null), "ship");
        }

        BuildSummary summary = judge(false);

        assertThat(summary.notes()).contains("The baseline is registered as churn v1 (production).");
        assertThat(summary.modelVersions()).isEmpty();
        assertThat(summary.check().summary()).contains("churn v1 (production)");
    }

    @Test
    public void shouldComeBackUnchangedFromItsJson() throws Exception {
        mainAndPullRequest(0.3);
        BuildSummary summary = judge(false);

        assertThat(BuildSummary.fromJson(summary.toJson(), "build.xml")).isEqualTo(summary);
    }

    @Test
    public void shouldNameTheSourceOfJsonThatIsNotASummary() {
        assertThatThrownBy(() -> BuildSummary.fromJson("{\"verdict\": [1,", "builds/7/build.xml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("builds/7/build.xml").hasMessageContaining("not an mlci BuildSummary");
    }
}
