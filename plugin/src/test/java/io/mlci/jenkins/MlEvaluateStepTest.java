package io.mlci.jenkins;

import hudson.model.Result;
import io.mlci.core.gate.RuleStatus;
import io.mlci.core.testing.TrainedPullRequest;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@WithJenkins
class MlEvaluateStepTest {

    @TempDir
    Path temp;

    @Test
    void shouldShowTheDeltasWithoutRecordingOrChangingTheResult(JenkinsRule jenkins) throws Exception {
        TrainedPullRequest repo = TrainedPullRequest.create(temp, 0.3);
        WorkflowJob job = jenkins.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(PullRequestPipelines.inPullRequest(repo,
                "def review = mlEvaluate(); echo \"would be ${review.verdict}\""), true));

        WorkflowRun build = jenkins.buildAndAssertSuccess(job);

        jenkins.assertLogContains("would be failed", build);
        jenkins.assertLogContains("<!-- mlci-report -->", build);
        assertThat(build.getAction(MlciBuildAction.class).getReview().verdict()).isEqualTo(RuleStatus.FAILED);
        try (RunStore store = RunStores.open(null, repo.root(), Map.of())) {
            assertThat(store.facts(repo.candidate().id(), "gate")).isEmpty();
        }
    }
}
