package io.mlci.jenkins;

import io.mlci.core.testing.TrainedPullRequest;

/** Pipelines that run a step in a {@link TrainedPullRequest}'s repository as pull request 7's build would. */
final class PullRequestPipelines {

    private PullRequestPipelines() {
    }

    /** {@code node { ws(repo) { withEnv(PR-7's variables) { body } } }} on the built-in node. */
    static String inPullRequest(TrainedPullRequest repo, String body) {
        return inPullRequest("", repo, body);
    }

    /** The same on the agent with {@code label}; "" = any node. */
    static String inPullRequest(String label, TrainedPullRequest repo, String body) {
        StringBuilder env = new StringBuilder("[");
        repo.pullRequestEnvironment().forEach((name, value) -> env.append(env.length() > 1 ? ", " : "")
                .append("'").append(name).append('=').append(value).append("'"));
        return "node('" + label + "') { ws('" + repo.root() + "') { withEnv(" + env + "]) { " + body + " } } }";
    }
}
