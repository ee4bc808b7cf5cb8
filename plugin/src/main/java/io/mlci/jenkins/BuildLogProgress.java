package io.mlci.jenkins;

import hudson.model.TaskListener;
import io.mlci.core.data.workspace.DataOptions;
import io.mlci.core.progress.PrintedProgress;
import io.mlci.core.progress.ProgressListener;
import io.mlci.core.storage.S3Options;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The core's progress and phase lines, in the build log: the same lines the CLI prints to stderr.
 * Used on the agent, inside the callables.
 */
final class BuildLogProgress {

    private BuildLogProgress() {
    }

    static ProgressListener of(TaskListener listener) {
        return new PrintedProgress(listener.getLogger(), false);
    }

    /** Data options for work on the agent: progress to the build log, S3 keys from the step's environment. */
    static DataOptions dataOptions(TaskListener listener, Map<String, String> environment) {
        return DataOptions.defaults().withProgress(of(listener)).withS3(S3Options.defaults().withEnvironment(environment));
    }

    static Consumer<String> phases(TaskListener listener) {
        return line -> listener.getLogger().println("mlci: " + line);
    }
}
