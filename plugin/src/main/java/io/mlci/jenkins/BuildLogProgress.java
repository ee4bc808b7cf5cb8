package io.mlci.jenkins;

import hudson.model.TaskListener;
import io.mlci.core.progress.PrintedProgress;
import io.mlci.core.progress.ProgressListener;

import java.util.function.Consumer;

/** The core's progress and phase lines, in the build log: the same lines the CLI prints to stderr. */
final class BuildLogProgress {

    private BuildLogProgress() {
    }

    static ProgressListener of(TaskListener listener) {
        return new PrintedProgress(listener.getLogger(), false);
    }

    static Consumer<String> phases(TaskListener listener) {
        return line -> listener.getLogger().println("mlci: " + line);
    }
}
