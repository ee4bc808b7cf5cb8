package io.mlci.jenkins;

import hudson.model.Fingerprint;
import hudson.model.Result;
import io.jenkins.plugins.checks.api.ChecksConclusion;
import io.jenkins.plugins.checks.api.ChecksDetails;
import io.jenkins.plugins.checks.api.ChecksOutput;
import io.mlci.core.ci.BuildSummary;
import io.mlci.core.ci.CheckText;
import io.mlci.core.gate.RuleStatus;
import io.mlci.core.report.MarkdownReport;
import io.mlci.core.testing.TrainedPullRequest;
import io.mlci.core.registry.Actor;
import io.mlci.core.registry.ModelRegistry;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;
import io.mlci.core.run.record.OutputFile;
import jenkins.model.JenkinsLocationConfiguration;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@WithJenkins
public class MlGateStepTest {

    @TestExtension
    public static final CapturedChecks CHECKS = new CapturedChecks();

    @TempDir
    Path temp;

    @AfterEach
    void forgetPublishedChecks() {
        CHECKS.clear();
    }

    private WorkflowRun gate(JenkinsRule jenkins, TrainedPullRequest repo, String arguments, Result expected) throws Exception {
        JenkinsLocationConfiguration.get().setUrl(jenkins.getURL().toString());
        WorkflowJob job = jenkins.createProject(WorkflowJob.class, "churn");
        job.setDefinition(new CpsFlowDefinition(PullRequestPipelines.inPullRequest(repo,
                "def verdict = mlGate(" + arguments + "); echo \"verdict=${verdict.verdict}\""), true));
        return jenkins.buildAndAssertStatus(expected, job);
    }

    @Test
    void shouldFailTheBuildWithTheGatesReasonsAndPublishAFailingCheck(JenkinsRule jenkins) throws Exception {
        TrainedPullRequest repo = TrainedPullRequest.create(temp, 0.3);

        WorkflowRun build = gate(jenkins, repo, "checkName: 'model quality'", Result.FAILURE);

        jenkins.assertLogContains("mlGate: mlci gate failed — accuracy", build);
        BuildSummary summary = build.getAction(MlciBuildAction.class).getReview();
        assertThat(summary.verdict()).isEqualTo(RuleStatus.FAILED);
        assertThat(summary.runId()).isEqualTo(repo.candidate().id());
        assertThat(summary.baselineRunId()).isEqualTo(repo.baseline().id());
        List<ChecksDetails> checks = CHECKS.published();
        assertThat(checks).hasSize(1);
        assertThat(checks.get(0).getName()).contains("model quality");
        assertThat(checks.get(0).getConclusion()).isEqualTo(ChecksConclusion.FAILURE);
        assertThat(checks.get(0).getDetailsURL()).contains(jenkins.getURL() + build.getUrl() + "mlci/");
        ChecksOutput output = checks.get(0).getOutput().orElseThrow();
        assertThat(output.getTitle()).contains("failed: accuracy -0.2000 (-40.00%)");
        assertThat(output.getSummary().orElseThrow()).startsWith(MarkdownReport.MARKER).contains("mlci gate failed")
                .contains("| accuracy |");
        String md5 = summary.outputFiles().stream().filter(file -> file.path().equals("model/model.bin")).findFirst()
                .orElseThrow().md5();
        assertThat(output.getText().orElseThrow()).contains("run `" + repo.candidate().id() + "`")
                .contains("run `" + repo.baseline().id() + "`").contains("model/model.bin").contains(md5)
                .doesNotContain(CheckText.CUT_MARKER);

        String page = jenkins.createWebClient().getPage(build, "mlci").asNormalizedText();
        assertThat(page).contains("mlci gate failed").contains("accuracy").contains(repo.candidate().id())
                .contains(repo.baseline().id()).contains("model/model.bin");
    }

    @Test
    void shouldMarkTheStepAndBuildUnstableWhenAFailedGateMayNotFailTheBuild(JenkinsRule jenkins) throws Exception {
        TrainedPullRequest repo = TrainedPullRequest.create(temp, 0.3);

        WorkflowRun build = gate(jenkins, repo, "failBuild: false", Result.UNSTABLE);

        jenkins.assertLogContains("verdict=failed", build);
        boolean warned = false;
        for (FlowNode node : new DepthFirstScanner().allNodes(build.getExecution())) {
            WarningAction warning = node.getPersistentAction(WarningAction.class);
            warned |= warning != null && warning.getResult() == Result.UNSTABLE
                    && warning.getMessage().startsWith("mlGate: mlci gate failed");
        }
        assertThat(warned).isTrue();
    }

    @Test
    void shouldPassAndFingerprintEveryFileTheRunProducedWithItsRun(JenkinsRule jenkins) throws Exception {
        TrainedPullRequest repo = TrainedPullRequest.create(temp, 0.52);

        WorkflowRun build = gate(jenkins, repo, "", Result.SUCCESS);

        jenkins.assertLogContains("verdict=passed", build);
        String jobPage = jenkins.createWebClient().withJavaScriptEnabled(false).getPage(build.getParent()).asXml();
        assertThat(jobPage).contains("mlci-trend-0").contains("accuracy");
        assertThat(CHECKS.published().get(0).getConclusion()).isEqualTo(ChecksConclusion.SUCCESS);
        Path store = repo.root().resolve(".mlci");
        try (RunStore runs = RunStores.open(store.toString(), repo.root(), Map.of())) {
            new ModelRegistry(runs).register(repo.candidate(), "churn", new Actor("alice", null), true, "test");
        }
        MlciConfiguration.get().setStoreUrl(store.toString());
        for (OutputFile file : build.getAction(MlciBuildAction.class).getReview().outputFiles()) {
            Fingerprint fingerprint = jenkins.jenkins.getFingerprintMap().get(file.md5());
            assertThat(fingerprint).as(file.path()).isNotNull();
            assertThat(fingerprint.getFacets()).anySatisfy(facet -> {
                assertThat(facet).isInstanceOf(ModelFingerprintFacet.class);
                assertThat(((ModelFingerprintFacet) facet).getRunId()).isEqualTo(repo.candidate().id());
                assertThat(((ModelFingerprintFacet) facet).getBuildUrl()).isEqualTo(build.getUrl());
                assertThat(((ModelFingerprintFacet) facet).getModelVersions()).containsExactly("churn v1");
            });
        }
    }

    @Test
    void shouldNameTheProblemWhenThereIsNoRunToJudge(JenkinsRule jenkins) throws Exception {
        TrainedPullRequest repo = TrainedPullRequest.create(temp, 0.3);

        WorkflowRun build = gate(jenkins, repo, "run: 'no-such-run'", Result.FAILURE);

        jenkins.assertLogContains("mlGate: ", build);
        jenkins.assertLogContains("no-such-run", build);
        jenkins.assertLogNotContains("\tat io.mlci", build);
    }
}
