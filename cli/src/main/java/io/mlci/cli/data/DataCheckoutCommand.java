package io.mlci.cli.data;

import io.mlci.cli.output.Formats;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.data.workspace.PullResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        if (global().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("outputs", result.outputs());
            json.put("placed", result.placed());
            json.put("unchanged", result.unchanged());
            json.put("removed", result.removed());
            json.put("link", result.linkType().name().toLowerCase());
            console().json(json);
        } else {
            console().out().printf("workspace: %s files placed (%s), %s unchanged, %s removed%n",
                    Formats.count(result.placed()), result.linkType().name().toLowerCase(),
                    Formats.count(result.unchanged()), Formats.count(result.removed()));
        }
        return 0;
    }
}
