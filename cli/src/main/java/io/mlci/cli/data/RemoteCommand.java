package io.mlci.cli.data;

import io.mlci.cli.MlciCommand;
import io.mlci.core.data.pointer.DvcConfig;
import io.mlci.core.data.workspace.DataWorkspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code mlci remote}: manage the remotes of .dvc/config. */
@Command(name = "remote", mixinStandardHelpOptions = true, description = "Manage data remotes (.dvc/config).",
        subcommands = {RemoteCommand.Add.class})
public final class RemoteCommand implements Runnable {

    @ParentCommand
    MlciCommand root;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(root.console().out());
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add (or replace) a remote in .dvc/config, as 'dvc remote add' writes it.",
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

        @Override
        public Integer call() throws Exception {
            Path root = DataWorkspace.findRoot(parent.root.global().directory());
            Path dvcDir = root.resolve(".dvc");
            Files.createDirectories(dvcDir);
            DvcConfig.addRemote(dvcDir, name, configUrl(dvcDir), makeDefault);
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
