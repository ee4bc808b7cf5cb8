package io.mlci.jenkins;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.checks.api.ChecksConclusion;
import io.jenkins.plugins.checks.api.ChecksDetails;
import io.jenkins.plugins.checks.api.ChecksOutput;
import io.jenkins.plugins.checks.api.ChecksPublisherFactory;
import io.jenkins.plugins.checks.api.ChecksStatus;
import io.mlci.core.ci.BuildSummary;
import io.mlci.core.ci.CheckRun;
import io.mlci.core.ci.CheckText;
import jenkins.model.Jenkins;

/**
 * Publishes the gate's pull-request check through the Checks API (GitHub, GitLab, Gitea — whichever
 * checks implementation is installed): the verdict as title and conclusion, the Markdown report
 * the shared library publishes too as summary, and the run's lineage as text. The core keeps
 * summary and text within GitHub's 65,535-byte limit, each cut at a line with a note saying so.
 */
final class GateCheck {

    private GateCheck() {
    }

    static void publish(Run<?, ?> run, TaskListener listener, BuildSummary summary) {
        CheckRun check = summary.check();
        ChecksDetails.ChecksDetailsBuilder details = new ChecksDetails.ChecksDetailsBuilder()
                .withName(check.name())
                .withStatus(ChecksStatus.COMPLETED)
                .withConclusion(ChecksConclusion.valueOf(check.conclusion()))
                .withOutput(new ChecksOutput.ChecksOutputBuilder()
                        .withTitle(check.title())
                        .withSummary(check.summary())
                        .withText(CheckText.of(summary))
                        .build());
        String root = Jenkins.get().getRootUrl();
        if (root != null) {
            details.withDetailsURL(root + run.getUrl() + MlciBuildAction.URL_NAME + "/");
        }
        ChecksPublisherFactory.fromRun(run, listener).publish(details.build());
    }
}
