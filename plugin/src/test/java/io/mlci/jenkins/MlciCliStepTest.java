package io.mlci.jenkins;

import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class MlciCliStepTest {

    @Test
    void shouldPlaceTheCarriedCliOnceAndRunIt(JenkinsRule jenkins) throws Exception {
        WorkflowJob job = jenkins.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(
                "node { def jar = mlciCli(); def again = mlciCli(); sh \"java -jar '${jar}' --version\"; echo \"same=${jar == again}\" }",
                true));

        WorkflowRun build = jenkins.buildAndAssertSuccess(job);

        jenkins.assertLogContains("mlci 0.1.0", build);
        jenkins.assertLogContains("same=true", build);
    }
}
