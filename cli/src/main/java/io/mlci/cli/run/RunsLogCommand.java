package io.mlci.cli.run;

import io.mlci.core.run.store.RunStore;
import io.mlci.core.storage.BlobNotFoundException;
import io.mlci.core.MlciException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

@Command(name = "log", mixinStandardHelpOptions = true, description = "Print the console output a run's training wrote.",
        footer = {"", "Example:", "  mlci runs log 20261123-1818 | tail"})
final class RunsLogCommand implements Callable<Integer> {

    @ParentCommand
    RunsCommand runs;

    @Parameters(paramLabel = "RUN", description = "Run id, or a unique prefix of it.")
    String id;

    @Override
    public Integer call() {
        try (RunStore opened = runs.openStore()) {
            RunStore store = opened.holding(id);
            try (InputStream log = store.openLog(store.get(id).id())) {
                log.transferTo(runs.root().console().out());
            }
        } catch (BlobNotFoundException e) {
            throw new MlciException("run " + id + " has no stored log (reused runs did not train)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log of run " + id, e);
        }
        return 0;
    }
}
