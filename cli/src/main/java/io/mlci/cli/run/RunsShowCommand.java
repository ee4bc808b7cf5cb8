package io.mlci.cli.run;

import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.Fact;
import io.mlci.core.run.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show one run's full lineage: source, machine, params, data, code, outputs, metrics and later facts.",
        footer = {"", "A pull request's run (kept under pr/ID/ of the store) is found by its id too.",
                "", "Examples:", "  mlci runs show 20261123-1818", "  mlci runs show 20261123-1818 --json"})
final class RunsShowCommand implements Callable<Integer> {

    @ParentCommand
    RunsCommand runs;

    @Parameters(paramLabel = "RUN", description = "Run id, or a unique prefix of it.")
    String id;

    @Override
    public Integer call() {
        try (RunStore opened = runs.openStore()) {
            RunStore store = opened.holding(id);
            RunRecord run = store.get(id);
            if (runs.root().global().json()) {
                runs.root().console().json(run);
                return 0;
            }
            List<Fact> facts = new ArrayList<>(store.facts(run.id(), "gate"));
            RunText.printDetails(runs.root().console().out(), run, facts);
        }
        return 0;
    }
}
