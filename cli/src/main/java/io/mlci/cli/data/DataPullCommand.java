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

@Command(name = "pull", mixinStandardHelpOptions = true,
        description = {"Fetch the exact content the pointers name from a remote into the cache, verify every",
                "object, and materialise it in the workspace. Local changes that are not in the cache are",
                "never overwritten unless --force is given."},
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
        if (global().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("outputs", result.outputs());
            json.put("downloaded", result.transfer().transferred());
            json.put("bytes", result.transfer().bytes());
            json.put("alreadyCached", result.transfer().alreadyPresent());
            json.put("placed", result.placed());
            json.put("unchanged", result.unchanged());
            json.put("removed", result.removed());
            json.put("link", result.linkType().name().toLowerCase());
            console().json(json);
        } else {
            console().out().printf("pulled %s objects (%s), %s already cached; workspace: %s files placed (%s), "
                            + "%s unchanged, %s removed%n",
                    Formats.count(result.transfer().transferred()), Formats.bytes(result.transfer().bytes()),
                    Formats.count(result.transfer().alreadyPresent()), Formats.count(result.placed()),
                    result.linkType().name().toLowerCase(), Formats.count(result.unchanged()),
                    Formats.count(result.removed()));
        }
        return 0;
    }
}
