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
        return DataWorkspace.open(parent.root().repositoryRoot(), options);
    }
}
