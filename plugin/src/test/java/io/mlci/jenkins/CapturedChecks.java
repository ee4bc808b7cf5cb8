package io.mlci.jenkins;

import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.checks.api.ChecksDetails;
import io.jenkins.plugins.checks.api.ChecksPublisher;
import io.jenkins.plugins.checks.api.ChecksPublisherFactory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Checks API implementation that keeps what it is asked to publish, for tests to read: a fake
 * for GitHub, which cannot be reached here. A test class registers it as its own extension
 * ({@code @TestExtension public static final CapturedChecks CHECKS = new CapturedChecks();}), so
 * {@code ChecksPublisherFactory.fromRun} finds it exactly as it finds the GitHub implementation.
 */
public class CapturedChecks extends ChecksPublisherFactory {

    private final List<ChecksDetails> published = new CopyOnWriteArrayList<>();

    @Override
    protected Optional<ChecksPublisher> createPublisher(Run<?, ?> run, TaskListener listener) {
        return Optional.of(new ChecksPublisher() {
            @Override
            public void publish(ChecksDetails details) {
                published.add(details);
            }
        });
    }

    @Override
    protected Optional<ChecksPublisher> createPublisher(Job<?, ?> job, TaskListener listener) {
        return Optional.empty();
    }

    /** In the order they were published. */
    public List<ChecksDetails> published() {
        return published;
    }

    public void clear() {
        published.clear();
    }
}
