package io.mlci.jenkins;

import hudson.EnvVars;
import hudson.model.TaskListener;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@WithJenkins
class MlciConfigurationTest {

    @Test
    void shouldKeepItsSettingsThroughTheConfigurationForm(JenkinsRule jenkins) throws Exception {
        MlciConfiguration config = MlciConfiguration.get();
        config.setStoreUrl("s3://ml-ci/runs");
        config.setDefaultRemote("s3store");
        config.setS3Endpoint("http://minio:9000");
        config.setNativeSteps(false);
        config.setTrustedDockerArgs("--volume=/datasets:/datasets:ro");

        jenkins.configRoundtrip();

        assertThat(MlciConfiguration.get().getStoreUrl()).isEqualTo("s3://ml-ci/runs");
        assertThat(MlciConfiguration.get().getDefaultRemote()).isEqualTo("s3store");
        assertThat(MlciConfiguration.get().getS3Endpoint()).isEqualTo("http://minio:9000");
        assertThat(MlciConfiguration.get().isNativeSteps()).isFalse();
        assertThat(MlciConfiguration.get().getTrustedDockerArgs()).isEqualTo("--volume=/datasets:/datasets:ro");
    }

    @Test
    void shouldTellBuildsTheTrustedDockerArgsAndRefuseMalformedOnes(JenkinsRule jenkins) throws Exception {
        MlciConfiguration.get().setTrustedDockerArgs("--cap-add=SYS_PTRACE");
        WorkflowJob job = jenkins.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("echo \"trusted=${env.MLCI_TRUSTED_DOCKER_ARGS}\"", true));

        jenkins.assertLogContains("trusted=--cap-add=SYS_PTRACE", jenkins.buildAndAssertSuccess(job));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MlciConfiguration.get().setTrustedDockerArgs("privileged"))
                .hasMessageContaining("'privileged' is not an option");
        assertThat(MlciConfiguration.get().getTrustedDockerArgs()).isEqualTo("--cap-add=SYS_PTRACE");
    }

    @Test
    void shouldTellBuildsTheStoreAndThatNativeStepsAreThere(JenkinsRule jenkins) throws Exception {
        MlciConfiguration.get().setStoreUrl("s3://ml-ci/runs");
        WorkflowJob job = jenkins.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("echo \"store=${env.MLCI_STORE} plugin=${env.MLCI_PLUGIN != null}\"", true));

        WorkflowRun build = jenkins.buildAndAssertSuccess(job);

        jenkins.assertLogContains("store=s3://ml-ci/runs plugin=true", build);
        EnvVars env = build.getEnvironment(TaskListener.NULL);
        assertThat(env).containsEntry("MLCI_STORE", "s3://ml-ci/runs");
    }

    @Test
    void shouldBeConfiguredByTheExampleConfigurationAsCode(JenkinsRule jenkins) throws Exception {
        Path example = Path.of(System.getProperty("mlci.root", "..")).resolve("examples/jcasc/mlci-plugin.yaml");
        System.setProperty("ML_CI_AWS_ACCESS_KEY_ID", "AKIAEXAMPLE");
        System.setProperty("ML_CI_AWS_SECRET_ACCESS_KEY", "secret");

        ConfigurationAsCode.get().configure(example.toAbsolutePath().toString());

        MlciConfiguration config = MlciConfiguration.get();
        assertThat(config.getStoreUrl()).isEqualTo("s3://acme-ml-ci/runs");
        assertThat(config.getAwsCredentialsId()).isEqualTo("ml-ci-aws");
        assertThat(config.getDefaultRemote()).isEqualTo("s3store");
        assertThat(config.isNativeSteps()).isTrue();
    }
}
