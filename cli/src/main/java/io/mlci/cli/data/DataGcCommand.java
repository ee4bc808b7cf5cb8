package io.mlci.cli.data;

import io.mlci.cli.output.Formats;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.data.workspace.GcResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "gc", mixinStandardHelpOptions = true,
        description = {"Remove cache objects (and with --cloud remote objects) that no pointer names, as 'dvc gc'.",
                "Kept: everything the workspace's pointers name and everything any git branch, tag or HEAD names "
                        + "(with --all-commits, any commit in their history too).",
                "A dry run by default: it lists what would go and how much; --force removes it."},
        footer = {"", "Examples:", "  mlci data gc                 # what would go", "  mlci data gc --all-commits --force",
                "  mlci data gc --cloud -r store --force"})
final class DataGcCommand extends DataVerb {

    /** How many object names a dry run prints; --json lists all. */
    private static final int SHOWN = 20;

    @Option(names = {"-w", "--workspace"}, description = "Keep what the workspace and the git refs name (the default).")
    boolean workspace;

    @Option(names = {"-A", "--all-commits"}, description = "Also keep what any commit reachable from a ref names.")
    boolean allCommits;

    @Option(names = {"-c", "--cloud"}, description = "Also collect the remote (the default one, or -r NAME).")
    boolean cloud;

    @Option(names = {"-r", "--remote"}, paramLabel = "NAME", description = "The remote for --cloud (default: core.remote).")
    String remote;

    @Option(names = {"-f", "--force"}, description = "Remove the objects (without it, only list them).")
    boolean force;

    @Override
    public Integer call() {
        GcResult result;
        try (DataWorkspace data = openWorkspace()) {
            result = data.gc(allCommits, cloud, remote, force);
        }
        if (global().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("removed", result.removed());
            json.put("cacheObjects", result.cacheObjects());
            json.put("cacheBytes", result.cacheBytes());
            json.put("remote", result.remote());
            json.put("remoteObjects", result.remoteKeys());
            console().json(json);
            return 0;
        }
        String verb = result.removed() ? "removed" : "would remove";
        console().out().printf("%s %s cache objects (%s)%n", verb, Formats.count(result.cacheObjects().size()),
                Formats.bytes(result.cacheBytes()));
        print(result.cacheObjects());
        if (result.remote() != null) {
            console().out().printf("%s %s objects from remote %s%n", verb, Formats.count(result.remoteKeys().size()),
                    result.remote());
            print(result.remoteKeys());
        }
        if (!result.removed() && (!result.cacheObjects().isEmpty() || !result.remoteKeys().isEmpty())) {
            console().out().println("dry run: nothing was removed; run with --force to remove them");
        }
        return 0;
    }

    private void print(List<String> names) {
        names.stream().limit(SHOWN).forEach(name -> console().out().println("  " + name));
        if (names.size() > SHOWN) {
            console().out().println("  ... and " + (names.size() - SHOWN) + " more (--json lists all)");
        }
    }
}
