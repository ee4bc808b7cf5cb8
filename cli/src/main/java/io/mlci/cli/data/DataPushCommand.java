package io.mlci.cli.data;

import io.mlci.cli.output.Formats;
import io.mlci.core.data.transfer.TransferStats;
import io.mlci.core.data.workspace.DataWorkspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "push", mixinStandardHelpOptions = true,
        description = "Upload the cached content of the pointers to a remote (only what the remote lacks).",
        footer = {"", "Examples:", "  mlci data push", "  mlci data push --remote backup -j 32 data.dvc"})
final class DataPushCommand extends DataVerb {

    @Option(names = {"-r", "--remote"}, paramLabel = "NAME", description = "Remote to push to (default: core.remote).")
    String remote;

    @Option(names = "--verify", description = "Re-hash the objects the remote already has and upload corrupt ones again.")
    boolean verify;

    @Parameters(arity = "0..*", paramLabel = "TARGET", description = "Pointer files, stages or tracked paths (default: all).")
    List<String> targets;

    @Override
    public Integer call() {
        TransferStats stats;
        try (DataWorkspace workspace = openWorkspace()) {
            stats = workspace.push(remote, targets, verify);
        }
        if (global().json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("uploaded", stats.transferred());
            result.put("bytes", stats.bytes());
            result.put("alreadyOnRemote", stats.alreadyPresent());
            console().json(result);
        } else {
            console().out().printf("pushed %s objects (%s); %s already on the remote%n",
                    Formats.count(stats.transferred()), Formats.bytes(stats.bytes()), Formats.count(stats.alreadyPresent()));
        }
        return 0;
    }
}
