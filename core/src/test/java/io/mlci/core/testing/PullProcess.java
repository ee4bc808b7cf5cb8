package io.mlci.core.testing;

import io.mlci.core.data.workspace.DataOptions;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.data.workspace.LinkType;

import java.nio.file.Path;
import java.util.List;

/** A separate JVM that pulls a repository's data, so tests can kill it with SIGKILL mid-way. */
public final class PullProcess {

    private PullProcess() {
    }

    public static void main(String[] args) {
        DataOptions options = DataOptions.defaults().withJobs(4).withLinkTypes(List.of(LinkType.COPY));
        try (DataWorkspace workspace = DataWorkspace.open(Path.of(args[0]), options)) {
            workspace.pull(null, List.of(), false);
        }
    }
}
