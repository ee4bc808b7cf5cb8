package io.mlci.jenkins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlci.core.ci.BuildSummary;
import io.mlci.core.ci.CheckRun;
import io.mlci.core.gate.RuleStatus;
import io.mlci.core.report.Threshold;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The trend chart model a job page draws, from builds that carry summaries (set directly: the steps are tested elsewhere). */
@WithJenkins
class MlciJobActionTest {

    private static BuildSummary summary(double accuracy) {
        return new BuildSummary("run", "main", "abc", null, null, null, RuleStatus.PASSED, "mlci gate passed", "",
                List.of(), List.of(), new CheckRun("mlci", "passed", "SUCCESS", ""), Map.of("accuracy", accuracy),
                Map.of("accuracy", new Threshold(0.8, null)), List.of(), List.of(), List.of());
    }

    @Test
    void shouldChartEachMetricAcrossBuildsWithTheGatesBound(JenkinsRule jenkins) throws Exception {
        WorkflowJob job = jenkins.createProject(WorkflowJob.class, "churn");
        job.setDefinition(new CpsFlowDefinition("echo 'trained'", true));
        for (double accuracy : new double[] {0.90, 0.92}) {
            WorkflowRun build = jenkins.buildAndAssertSuccess(job);
            MlciBuildAction.of(build).recordReview(summary(accuracy));
        }

        List<MlciJobAction.Chart> charts = new MlciJobAction(job).getCharts();

        assertThat(charts).extracting(MlciJobAction.Chart::metric).containsExactly("accuracy");
        JsonNode option = new ObjectMapper().readTree(charts.get(0).option());
        assertThat(option.at("/xAxis/data").toString()).isEqualTo("[\"#1\",\"#2\"]");
        assertThat(option.at("/series/0/data").toString()).isEqualTo("[0.9,0.92]");
        assertThat(option.at("/series/0/markLine/data/0/yAxis").asDouble()).isEqualTo(0.8);
        assertThat(job.getAction(MlciJobAction.class)).as("the job page shows the trend").isNotNull();
    }

    @Test
    void shouldKeepTheSummaryWhenTheBuildIsReadBackFromDisk(JenkinsRule jenkins) throws Exception {
        WorkflowJob job = jenkins.createProject(WorkflowJob.class, "churn");
        job.setDefinition(new CpsFlowDefinition("echo 'trained'", true));
        WorkflowRun build = jenkins.buildAndAssertSuccess(job);
        MlciBuildAction.of(build).recordReview(summary(0.91));

        build.reload();

        assertThat(build.getAction(MlciBuildAction.class).getReview().metrics()).containsEntry("accuracy", 0.91);
    }
}
