package io.mlci.cli.data;

import io.mlci.cli.output.Formats;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.data.workspace.PullResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;


@Command(name = "pull", mixinStandardHelpOptions = true,
        description = {"Fetch the exact content the pointers name from a remote into the cache, verify every object, "
                + "and materialise it in the workspace.",
                "Local changes that are not in the cache are never overwritten unless --force is given."},
        footer = {"", "Examples:", "  mlci data pull", "  mlci data pull --remote s3store --link hardlink,copy data.dvc",
                "  mlci data pull --glob 'data/*' --allow-missing"})
final class DataPullCommand extends DataVerb {

    @Mixin
    TransferTargets selection;

    @Option(names = {"-f", "--force"}, description = "Discard workspace changes that are not in the cache.")
    boolean force;

    @Override
    public Integer call() {
        PullResult result;
        try (DataWorkspace workspace = openWorkspace()) {
            result = workspace.pull(selection.remote, selection.targets(workspace), force, selection.allowMissing);
        }
        Materialised.print(console(), global().json(), result, String.format("pulled %s objects (%s), %s already cached%s",
                Formats.count(result.transfer().transferred()), Formats.bytes(result.transfer().bytes()),
                Formats.count(result.transfer().alreadyPresent()),
                result.skipped().isEmpty() ? "" : "; skipped (not on the remote): " + String.join(", ", result.skipped())));
        return 0;
    }
}
