package io.mlci.cli.data;

import io.mlci.core.data.workspace.DataWorkspace;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** What fetch and pull move: the remote, the targets (or glob patterns), and whether gaps are allowed. */
final class TransferTargets {

    @Option(names = {"-r", "--remote"}, paramLabel = "NAME", description = "Remote to use (default: core.remote).")
    String remote;

    @Option(names = "--glob", description = "Treat the targets as glob patterns over tracked paths (e.g. 'data/*').")
    boolean glob;

    @Option(names = "--allow-missing", description = "Skip the paths whose objects the remote lacks instead of failing.")
    boolean allowMissing;

    @Parameters(arity = "0..*", paramLabel = "TARGET", description = "Pointer files, stages or tracked paths (default: all).")
    List<String> targets;

    List<String> targets(DataWorkspace workspace) {
        if (!glob || targets == null || targets.isEmpty()) {
            return targets;
        }
        return workspace.expandGlobs(targets);
    }
}
