package io.mlci.cli.data;

import io.mlci.cli.output.Formats;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.data.workspace.PullResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "pull", mixinStandardHelpOptions = true,
        description = {"Fetch the exact content the pointers name from a remote into the cache, verify every object, "
                + "and materialise it in the workspace.",
                "Local changes that are not in the cache are never overwritten unless --force is given."},
        footer = {"", "Examples:", "  mlci data pull", "  mlci data pull --remote s3store --link hardlink,copy data.dvc"})
final class DataPullCommand extends DataVerb {

    @Option(names = {"-r", "--remote"}, paramLabel = "NAME", description = "Remote to pull from (default: core.remote).")
    String remote;

    @Option(names = {"-f", "--force"}, description = "Discard workspace changes that are not in the cache.")
    boolean force;

    @Parameters(arity = "0..*", paramLabel = "TARGET", description = "Pointer files, stages or tracked paths (default: all).")
    List<String> targets;

    @Override
    public Integer call() {
        PullResult result;
        try (DataWorkspace workspace = openWorkspace()) {
            result = workspace.pull(remote, targets, force);
        }
        Materialised.print(console(), global().json(), result, String.format("pulled %s objects (%s), %s already cached",
                Formats.count(result.transfer().transferred()), Formats.bytes(result.transfer().bytes()),
                Formats.count(result.transfer().alreadyPresent())));
        return 0;
    }
}
