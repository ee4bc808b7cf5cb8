package io.mlci.cli.data;

import io.mlci.cli.output.Formats;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.data.workspace.PullResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {"Download what the pointers name from a remote into the cache only, verifying every object, "
                + "as 'dvc fetch'. The workspace is not touched; 'mlci data checkout' materialises it later."},
        footer = {"", "Examples:", "  mlci data fetch", "  mlci data fetch --remote s3store --glob 'data/*'"})
final class DataFetchCommand extends DataVerb {

    @Mixin
    TransferTargets selection;

    @Override
    public Integer call() {
        PullResult result;
        try (DataWorkspace workspace = openWorkspace()) {
            result = workspace.fetch(selection.remote, selection.targets(workspace), selection.allowMissing);
        }
        if (global().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("downloaded", result.transfer().transferred());
            json.put("bytes", result.transfer().bytes());
            json.put("alreadyCached", result.transfer().alreadyPresent());
            json.put("skipped", result.skipped());
            console().json(json);
        } else {
            console().out().printf("fetched %s objects (%s), %s already cached%s%n",
                    Formats.count(result.transfer().transferred()), Formats.bytes(result.transfer().bytes()),
                    Formats.count(result.transfer().alreadyPresent()),
                    result.skipped().isEmpty() ? "" : "; skipped (not on the remote): " + String.join(", ", result.skipped()));
        }
        return 0;
    }
}
