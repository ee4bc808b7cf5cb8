package io.mlci.cli.data;

import io.mlci.cli.Console;
import io.mlci.cli.GlobalOptions;
import io.mlci.core.data.workspace.DataOptions;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.data.workspace.LinkType;
import io.mlci.core.progress.ProgressListener;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** Shared plumbing of the {@code mlci data} verbs: options, console, opening the workspace. */
abstract class DataVerb implements Callable<Integer> {

    @ParentCommand
    DataCommand parent;

    @Option(names = "--link", paramLabel = "TYPES", split = ",",
            description = "Link types from cache to workspace in order of preference: reflink, hardlink, symlink, copy "
                    + "(default: cache.type of .dvc/config, else reflink,copy).")
    List<String> link;

    @Option(names = "--object-timeout", paramLabel = "SECONDS",
            description = "Longest time one object's transfer may take in all (default: 3600).")
    Double objectTimeout;

    protected Console console() {
        return parent.root().console();
    }

    protected GlobalOptions global() {
        return parent.root().global();
    }

    protected ProgressListener progress() {
        return parent.root().progress();
    }

    protected DataWorkspace openWorkspace() {
        DataOptions options = parent.root().dataOptions();
        if (link != null && !link.isEmpty()) {
            options = options.withLinkTypes(LinkType.parseList(String.join(",", link), "--link"));
        }
        if (objectTimeout != null) {
            if (!(objectTimeout > 0)) {
                throw new io.mlci.core.InvalidInputException("--object-timeout", null, "expected a positive number of seconds");
            }
            options = options.withTimeouts(options.timeouts().withPerObject(
                    java.time.Duration.ofMillis(Math.round(objectTimeout * 1000))));
        }
        return DataWorkspace.open(parent.root().repositoryRoot(), options);
    }
}
