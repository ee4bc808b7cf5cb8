package io.mlci.jenkins;

import hudson.model.TaskListener;
import io.jenkins.plugins.checks.api.ChecksConclusion;
import io.jenkins.plugins.checks.api.ChecksDetails;
import io.jenkins.plugins.checks.api.ChecksOutput;
import io.jenkins.plugins.checks.api.ChecksStatus;
import io.mlci.core.ci.BuildSummary;
import io.mlci.core.ci.CheckRun;
import io.mlci.core.ci.CheckText;
import io.mlci.core.gate.RuleStatus;
import io.mlci.core.run.record.OutputFile;
import jenkins.model.JenkinsLocationConfiguration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What reaches the Checks API for a run with more files than a check can list (the summary is set directly). */
@WithJenkins
public class GateCheckTest {

    @TestExtension
    public static final CapturedChecks CHECKS = new CapturedChecks();

    private static BuildSummary producing(int files) {
        List<OutputFile> shards = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            shards.add(new OutputFile("model/shard-%05d.bin".formatted(i), "%032x".formatted(i), "%064x".formatted(i), 4096, 1,
                    null));
        }
        return new BuildSummary("run-2", "feature", "abc123", null, "run-1", null, RuleStatus.UNSTABLE,
                "mlci gate unstable — loss", "", List.of(), List.of(),
                new CheckRun("model quality", "unstable: loss +0.0100 (+4.00%)", "NEUTRAL", "## ⚠️ mlci gate unstable"),
                Map.of(), Map.of(), List.of(), List.of(new OutputFile("model", "ff".repeat(16) + ".dir", null, 0, files, shards)),
                List.of());
    }

    @Test
    void shouldPublishTheVerdictTheReportAndTheLineageCutAt65535Bytes(JenkinsRule jenkins) throws Exception {
        JenkinsLocationConfiguration.get().setUrl(jenkins.getURL().toString());
        WorkflowJob job = jenkins.createProject(WorkflowJob.class, "churn");
        job.setDefinition(new CpsFlowDefinition("echo 'trained'", true));
        WorkflowRun build = jenkins.buildAndAssertSuccess(job);

        GateCheck.publish(build, TaskListener.NULL, producing(3000));

        assertThat(CHECKS.published()).hasSize(1);
        ChecksDetails check = CHECKS.published().get(0);
        assertThat(check.getName()).contains("model quality");
        assertThat(check.getStatus()).isEqualTo(ChecksStatus.COMPLETED);
        assertThat(check.getConclusion()).isEqualTo(ChecksConclusion.NEUTRAL);
        assertThat(check.getDetailsURL()).contains(jenkins.getURL() + build.getUrl() + "mlci/");
        ChecksOutput output = check.getOutput().orElseThrow();
        assertThat(output.getTitle()).contains("unstable: loss +0.0100 (+4.00%)");
        assertThat(output.getSummary()).contains("## ⚠️ mlci gate unstable");
        String text = output.getText().orElseThrow();
        assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(65_535).isGreaterThan(60_000);
        assertThat(text).contains("run `run-2`").contains("model/shard-00000.bin").doesNotContain("model/shard-02999.bin");
        assertThat(text.strip().lines().reduce((first, second) -> second).orElseThrow())
                .startsWith(CheckText.CUT_MARKER).contains("more line(s) left out");
    }
}
