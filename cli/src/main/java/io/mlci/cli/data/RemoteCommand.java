package io.mlci.cli.data;

import io.mlci.cli.MlciCommand;
import io.mlci.core.data.pointer.DvcConfig;
import io.mlci.core.data.workspace.DataWorkspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code mlci remote}: manage the remotes of .dvc/config (and .dvc/config.local), as {@code dvc remote}. */
@Command(name = "remote", mixinStandardHelpOptions = true,
        description = "Manage data remotes in .dvc/config and .dvc/config.local, as 'dvc remote' does.",
        subcommands = {RemoteCommand.Add.class, RemoteCommand.ListRemotes.class, RemoteCommand.Modify.class,
                RemoteCommand.Remove.class, RemoteCommand.Default.class})
public final class RemoteCommand implements Runnable {

    @ParentCommand
    MlciCommand root;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(root.console().out());
    }

    Path dvcDir() {
        return DataWorkspace.findRoot(root.global().directory()).resolve(".dvc");
    }

    /** Prints a confirmation line, or the given fields as JSON. */
    void done(String line, Map<String, Object> json) {
        if (root.global().json()) {
            root.console().json(json);
        } else {
            root.console().out().println(line);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the remotes (config.local overlaid on config) with their URLs; the default is marked.",
            footer = {"", "Example:", "  mlci remote list"})
    static final class ListRemotes implements Callable<Integer> {

        @ParentCommand
        RemoteCommand parent;

        @Override
        public Integer call() {
            DvcConfig config = DvcConfig.load(parent.dvcDir());
            String fallback = config.defaultRemoteName().orElse(null);
            if (parent.root.global().json()) {
                java.util.List<Map<String, Object>> rows = new java.util.ArrayList<>();
                config.remoteUrls().forEach((name, url) -> {
                    Map<String, Object> row = new java.util.LinkedHashMap<>();
                    row.put("name", name);
                    row.put("url", url);
                    row.put("default", name.equals(fallback));
                    rows.add(row);
                });
                parent.root.console().json(Map.of("remotes", rows));
            } else {
                config.remoteUrls().forEach((name, url) -> parent.root.console().out()
                        .println(name + "\t" + url + (name.equals(fallback) ? "\t(default)" : "")));
            }
            return 0;
        }
    }

    @Command(name = "modify", mixinStandardHelpOptions = true,
            description = {"Set or unset an option of a remote, as 'dvc remote modify' does.",
                    "Use --local for secrets: they go to .dvc/config.local, which is not committed."},
            footer = {"", "Examples:", "  mlci remote modify store endpointurl https://minio.example.com",
                    "  mlci remote modify --local store secret_access_key ...", "  mlci remote modify store timeout 120",
                    "  mlci remote modify --unset store region"})
    static final class Modify implements Callable<Integer> {

        @ParentCommand
        RemoteCommand parent;

        @Option(names = "--local", description = "Write .dvc/config.local instead of .dvc/config.")
        boolean local;

        @Option(names = {"-u", "--unset"}, description = "Remove the option instead of setting it.")
        boolean unset;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "OPTION")
        String option;

        @Parameters(index = "2", arity = "0..1", paramLabel = "VALUE")
        String value;

        @Override
        public Integer call() {
            if (unset == (value != null)) {
                throw new io.mlci.core.InvalidInputException("remote modify", null,
                        unset ? "--unset takes no VALUE" : "missing VALUE (or --unset to remove the option)");
            }
            DvcConfig.modifyRemote(parent.dvcDir(), local, name, option, unset ? null : value);
            String file = local ? ".dvc/config.local" : ".dvc/config";
            Map<String, Object> json = new java.util.LinkedHashMap<>();
            json.put("name", name);
            json.put("option", option);
            json.put("value", unset ? null : value);
            json.put("file", file);
            parent.done(unset ? "unset " + name + "." + option + " in " + file
                    : "set " + name + "." + option + " in " + file, json);
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a remote from .dvc/config and .dvc/config.local (and the default that names it).",
            footer = {"", "Example:", "  mlci remote remove old-store"})
    static final class Remove implements Callable<Integer> {

        @ParentCommand
        RemoteCommand parent;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            DvcConfig.removeRemote(parent.dvcDir(), name);
            parent.done("removed remote '" + name + "'", Map.of("removed", name));
            return 0;
        }
    }

    @Command(name = "default", mixinStandardHelpOptions = true,
            description = "Show, set or unset the default remote (core.remote), as 'dvc remote default' does.",
            footer = {"", "Examples:", "  mlci remote default", "  mlci remote default store",
                    "  mlci remote default --local my-mirror    # this checkout only (.dvc/config.local)"})
    static final class Default implements Callable<Integer> {

        @ParentCommand
        RemoteCommand parent;

        @Option(names = "--local", description = "Write .dvc/config.local instead of .dvc/config.")
        boolean local;

        @Option(names = {"-u", "--unset"}, description = "Remove the default.")
        boolean unset;

        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            if (name == null && !unset) {
                String current = DvcConfig.load(parent.dvcDir()).defaultRemoteName().orElse(null);
                if (current == null) {
                    throw new io.mlci.core.InvalidInputException(parent.dvcDir().resolve("config").toString(), "core.remote",
                            "no default remote is set; set one with 'mlci remote default NAME'");
                }
                parent.done(current, Map.of("default", current));
                return 0;
            }
            DvcConfig.setDefaultRemote(parent.dvcDir(), local, unset ? null : name);
            String file = local ? ".dvc/config.local" : ".dvc/config";
            Map<String, Object> json = new java.util.LinkedHashMap<>();
            json.put("default", unset ? null : name);
            json.put("file", file);
            parent.done(unset ? "unset the default remote in " + file : "default remote: " + name + " (" + file + ")", json);
            return 0;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add (or replace) a remote in .dvc/config, as 'dvc remote add' writes it.",
                    "Supported URLs: " + io.mlci.core.storage.BlobStores.SUPPORTED + "."},
            footer = {"", "Examples:", "  mlci remote add store s3://ml-data/project --default",
                    "  mlci remote add local /mnt/shared/dvc-store"})
    static final class Add implements Callable<Integer> {

        @ParentCommand
        RemoteCommand parent;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "URL", description = "s3://bucket/prefix, http(s)://..., or a directory.")
        String url;

        @Option(names = {"-d", "--default"}, description = "Make it the default remote (core.remote).")
        boolean makeDefault;

        @Option(names = "--local", description = "Write .dvc/config.local (this checkout only, not committed).")
        boolean local;

        @Override
        public Integer call() throws Exception {
            Path root = DataWorkspace.findRoot(parent.root.global().directory());
            Path dvcDir = root.resolve(".dvc");
            DvcConfig.requireUsableUrl(url);
            DvcConfig.addRemote(dvcDir, name, configUrl(dvcDir), makeDefault, local);
            if (parent.root.global().json()) {
                parent.root.console().json(Map.of("name", name, "url", url, "default", makeDefault));
            } else {
                parent.root.console().out().println("remote '" + name + "' -> " + url + (makeDefault ? " (default)" : ""));
            }
            return 0;
        }

        /** DVC stores a relative local path relative to the config file's directory. */
        private String configUrl(Path dvcDir) {
            if (url.contains("://")) {
                return url;
            }
            Path local = Path.of(url);
            if (local.isAbsolute()) {
                return url;
            }
            Path absolute = parent.root.global().directory().resolve(local).normalize();
            return dvcDir.relativize(absolute).toString().replace('\\', '/');
        }
    }
}
