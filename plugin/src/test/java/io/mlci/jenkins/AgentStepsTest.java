package io.mlci.jenkins;

import hudson.model.Label;
import hudson.slaves.DumbSlave;
import io.mlci.core.ci.BuildSummary;
import io.mlci.core.ci.DataFetch;
import io.mlci.core.data.workspace.DataOptions;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.gate.RuleStatus;
import io.mlci.core.storage.FileTrees;
import io.mlci.core.testing.TrainedPullRequest;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The steps on a real agent (a separate JVM connected over remoting), not on the controller: the
 * callables must serialise to the agent, run the core there against the agent's workspace, and
 * send back only their JSON. On the built-in node the same calls run in-process and would hide a
 * callable that cannot cross the channel.
 */
@WithJenkins
class AgentStepsTest {

    @TempDir
    Path temp;

    @Test
    void shouldFetchDataAndJudgeTheRunOnTheAgentThatHoldsTheWorkspace(JenkinsRule jenkins) throws Exception {
        DumbSlave agent = jenkins.createOnlineSlave(Label.get("gpu"));
        TrainedPullRequest repo = TrainedPullRequest.create(temp, 0.52);
        try (DataWorkspace data = DataWorkspace.open(repo.root(), DataOptions.defaults())) {
            data.push(null, List.of());
        }
        FileTrees.deleteQuietly(repo.root().resolve("data"));
        FileTrees.deleteQuietly(repo.root().resolve(".dvc/cache"));
        WorkflowJob job = jenkins.createProject(WorkflowJob.class, "churn");
        job.setDefinition(new CpsFlowDefinition(PullRequestPipelines.inPullRequest("gpu", repo,
                "def data = mlData(); def review = mlGate(publishChecks: false); "
                        + "echo \"fetched=${data['data.dvc'].status} verdict=${review.verdict}\""), true));

        WorkflowRun build = jenkins.buildAndAssertSuccess(job);

        jenkins.assertLogContains("Running on " + agent.getNodeName(), build);
        jenkins.assertLogContains("fetched=present verdict=passed", build);
        assertThat(repo.root().resolve("data/a.txt")).hasContent("alpha");
        DataFetch fetched = build.getAction(MlciBuildAction.class).getData();
        assertThat(fetched.transferred()).isEqualTo(3);
        assertThat(fetched.complete()).isTrue();
        BuildSummary summary = build.getAction(MlciBuildAction.class).getReview();
        assertThat(summary.verdict()).isEqualTo(RuleStatus.PASSED);
        assertThat(summary.runId()).isEqualTo(repo.candidate().id());
        assertThat(summary.outputFiles()).extracting(file -> file.path()).contains("model/model.bin");
    }
}
