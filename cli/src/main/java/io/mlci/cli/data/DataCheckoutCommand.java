package io.mlci.cli.data;

import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.data.workspace.PullResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "checkout", mixinStandardHelpOptions = true,
        description = {"Materialise the content the pointers name from the local cache (no network), as 'dvc checkout'.",
                "Local changes that are not in the cache are never overwritten unless --force is given."},
        footer = {"", "Examples:", "  git checkout v1.2 && mlci data checkout", "  mlci data checkout --link hardlink data.dvc"})
final class DataCheckoutCommand extends DataVerb {

    @Option(names = {"-f", "--force"}, description = "Discard workspace changes that are not in the cache.")
    boolean force;

    @Parameters(arity = "0..*", paramLabel = "TARGET", description = "Pointer files, stages or tracked paths (default: all).")
    List<String> targets;

    @Override
    public Integer call() {
        PullResult result;
        try (DataWorkspace workspace = openWorkspace()) {
            result = workspace.checkout(targets, force);
        }
        Materialised.print(console(), global().json(), result, null);
        return 0;
    }
}
