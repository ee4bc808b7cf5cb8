package io.mlci.jenkins;

import hudson.model.Fingerprint;
import hudson.model.Result;
import io.mlci.core.ci.BuildSummary;
import io.mlci.core.gate.RuleStatus;
import io.mlci.core.run.record.OutputFile;
import io.mlci.core.testing.TrainedPullRequest;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gated build, then a controller restart: what the build page, the job page's trend and the
 * fingerprints show must come back from disk (build.xml, the flow nodes, the fingerprint files)
 * as it was before, read by XStream with no state left in memory.
 */
class MlGateRestartTest {

    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @TempDir
    Path temp;

    /** The ML review's own content: the side panel around it shows times relative to now. */
    private static String reviewPage(JenkinsRule jenkins, WorkflowRun build) throws Exception {
        return jenkins.createWebClient().getPage(build, "mlci").getElementById("main-panel").asNormalizedText();
    }

    @Test
    void shouldKeepTheVerdictTheReviewAndTheFingerprintsAcrossARestart() throws Throwable {
        TrainedPullRequest repo = TrainedPullRequest.create(temp, 0.3);
        String[] before = new String[2];
        sessions.then(jenkins -> {
            WorkflowJob job = jenkins.createProject(WorkflowJob.class, "churn");
            job.setDefinition(new CpsFlowDefinition(PullRequestPipelines.inPullRequest(repo,
                    "mlGate(failBuild: false, publishChecks: false)"), true));
            WorkflowRun build = jenkins.buildAndAssertStatus(Result.UNSTABLE, job);
            before[0] = build.getAction(MlciBuildAction.class).getReview().toJson();
            before[1] = reviewPage(jenkins, build);
        });

        sessions.then(jenkins -> {
            WorkflowRun build = jenkins.jenkins.getItemByFullName("churn", WorkflowJob.class).getBuildByNumber(1);
            assertThat(build.getResult()).isEqualTo(Result.UNSTABLE);
            BuildSummary summary = build.getAction(MlciBuildAction.class).getReview();
            assertThat(summary.toJson()).isEqualTo(before[0]);
            assertThat(summary.verdict()).isEqualTo(RuleStatus.FAILED);
            assertThat(summary.runId()).isEqualTo(repo.candidate().id());
            assertThat(reviewPage(jenkins, build)).isEqualTo(before[1]).contains("mlci gate failed")
                    .contains(repo.baseline().id()).contains("model/model.bin");

            boolean warned = false;
            for (FlowNode node : new DepthFirstScanner().allNodes(build.getExecution())) {
                WarningAction warning = node.getPersistentAction(WarningAction.class);
                warned |= warning != null && warning.getResult() == Result.UNSTABLE
                        && warning.getMessage().startsWith("mlGate: mlci gate failed");
            }
            assertThat(warned).as("the mlGate node keeps its warning").isTrue();

            String buildXml = Files.readString(build.getRootDir().toPath().resolve("build.xml"));
            assertThat(buildXml).contains("<io.mlci.jenkins.MlciBuildAction>").doesNotContain("io.mlci.core")
                    .doesNotContain("org.eclipse.jgit").doesNotContain("java.nio");

            for (OutputFile file : summary.outputFiles()) {
                Fingerprint fingerprint = jenkins.jenkins.getFingerprintMap().get(file.md5());
                assertThat(fingerprint).as(file.path()).isNotNull();
                assertThat(fingerprint.getFacets()).anySatisfy(facet -> {
                    assertThat(facet).isInstanceOf(ModelFingerprintFacet.class);
                    assertThat(((ModelFingerprintFacet) facet).getRunId()).isEqualTo(repo.candidate().id());
                    assertThat(((ModelFingerprintFacet) facet).getSha256()).isEqualTo(file.sha256());
                    assertThat(((ModelFingerprintFacet) facet).getBuildUrl()).isEqualTo(build.getUrl());
                });
            }
            assertThat(new MlciJobAction(build.getParent()).getCharts()).extracting(MlciJobAction.Chart::metric)
                    .contains("accuracy");
        });
    }
}
