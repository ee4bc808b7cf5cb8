package io.mlci.jenkins;

import hudson.model.AbstractProject;
import hudson.model.FreeStyleProject;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.kohsuke.stapler.DataBoundConstructor;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each step through its configuration form and back, as the Snippet Generator shows and reads it:
 * the step is put in a form (its config.jelly rendered by Jenkins), the form is submitted, and the
 * step bound from it must equal the original in every parameter; then the snippet it generates
 * must name each of them. The same round trip as workflow-step-api's StepConfigTester, written
 * here with the test harness alone.
 */
@WithJenkins
public class StepFormsTest {

    /** Holds a step in a freestyle project's configuration form, as StepConfigTester's builder does. */
    public static final class StepHolder extends Builder {

        private final Step step;

        @DataBoundConstructor
        public StepHolder(Step step) {
            this.step = step;
        }

        public Step getStep() {
            return step;
        }

        @TestExtension
        public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {

            @Override
            @SuppressWarnings("rawtypes")
            public boolean isApplicable(Class<? extends AbstractProject> jobType) {
                return true;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <S extends Step> S throughTheForm(JenkinsRule jenkins, S before) throws Exception {
        FreeStyleProject project = jenkins.createFreeStyleProject();
        project.getBuildersList().add(new StepHolder(before));

        FreeStyleProject after = jenkins.configRoundtrip(project);

        Step step = after.getBuildersList().get(StepHolder.class).getStep();
        assertThat(step).isInstanceOf(before.getClass()).isNotSameAs(before);
        jenkins.assertEqualDataBoundBeans(before, step);
        return (S) step;
    }

    @Test
    void shouldKeepEveryMlDataParameter(JenkinsRule jenkins) throws Exception {
        MlDataStep step = new MlDataStep();
        step.setRemote("s3store");
        step.setTargets(List.of("data/train.dvc", "dvc.lock:featurize"));
        step.setJobs(8);
        step.setLink("hardlink,copy");

        MlDataStep after = throughTheForm(jenkins, step);

        assertThat(after.getTargets()).containsExactly("data/train.dvc", "dvc.lock:featurize");
        assertThat(Snippetizer.object2Groovy(after)).startsWith("mlData ").contains("remote: 's3store'")
                .contains("targets: ['data/train.dvc', 'dvc.lock:featurize']").contains("jobs: 8")
                .contains("link: 'hardlink,copy'");
    }

    @Test
    void shouldLeaveAnUnconfiguredMlDataToItsDefaults(JenkinsRule jenkins) throws Exception {
        MlDataStep after = throughTheForm(jenkins, new MlDataStep());

        assertThat(after.getTargets()).isEmpty();
        assertThat(after.getJobs()).isNull();
        assertThat(after.getRemote()).isNull();
        assertThat(Snippetizer.object2Groovy(after)).isEqualTo("mlData()");
    }

    @Test
    void shouldKeepEveryMlGateParameter(JenkinsRule jenkins) throws Exception {
        MlGateStep step = new MlGateStep();
        step.setCheckName("model quality");
        step.setFailBuild(false);
        step.setPublishChecks(false);
        reviewing(step);

        MlGateStep after = throughTheForm(jenkins, step);

        assertThat(after.getCheckName()).isEqualTo("model quality");
        assertThat(after.isFailBuild()).isFalse();
        assertThat(after.isPublishChecks()).isFalse();
        assertThat(Snippetizer.object2Groovy(after)).startsWith("mlGate ").contains("checkName: 'model quality'")
                .contains("failBuild: false").contains("publishChecks: false").contains("run: 'run-42'")
                .contains("base: 'merge-base'").contains("target: 'release'").contains("rulesFrom: 'origin/release'")
                .contains("store: 's3://ml-ci/runs'");
    }

    @Test
    void shouldLeaveAnUnconfiguredMlGateToItsDefaults(JenkinsRule jenkins) throws Exception {
        MlGateStep after = throughTheForm(jenkins, new MlGateStep());

        assertThat(after.getCheckName()).isEqualTo("mlci");
        assertThat(after.isFailBuild()).isTrue();
        assertThat(after.isPublishChecks()).isTrue();
        assertThat(after.getRun()).isNull();
    }

    @Test
    void shouldKeepEveryMlEvaluateParameter(JenkinsRule jenkins) throws Exception {
        MlEvaluateStep after = throughTheForm(jenkins, reviewing(new MlEvaluateStep()));

        assertThat(after.getRun()).isEqualTo("run-42");
        assertThat(after.getStore()).isEqualTo("s3://ml-ci/runs");
        assertThat(Snippetizer.object2Groovy(after)).startsWith("mlEvaluate ").contains("base: 'merge-base'");
    }

    @Test
    void shouldOfferMlciCliWithoutParameters(JenkinsRule jenkins) throws Exception {
        MlciCliStep after = throughTheForm(jenkins, new MlciCliStep());

        assertThat(Snippetizer.object2Groovy(after)).isEqualTo("mlciCli()");
    }

    private static <S extends ReviewStep> S reviewing(S step) {
        step.setRun("run-42");
        step.setBase("merge-base");
        step.setTarget("release");
        step.setRulesFrom("origin/release");
        step.setStore("s3://ml-ci/runs");
        return step;
    }
}
