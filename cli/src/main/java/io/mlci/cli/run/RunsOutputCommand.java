package io.mlci.cli.run;

import io.mlci.cli.output.Formats;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.data.workspace.PullResult;
import io.mlci.core.run.RunOutputs;
import io.mlci.core.run.record.OutputFile;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "output", mixinStandardHelpOptions = true,
        description = "Fetch a run's outputs, verified against the hashes in its record: into the workspace, or under -o DIR.",
        footer = {"", "Examples:", "  mlci runs output 20261123-1818", "  mlci runs output 20261123-1818 model -o /tmp/model"})
final class RunsOutputCommand implements Callable<Integer> {

    @ParentCommand
    RunsCommand runs;

    @Parameters(index = "0", paramLabel = "RUN", description = "Run id, or a unique prefix of it.")
    String id;

    @Parameters(index = "1..*", paramLabel = "PATH", description = "Only these outputs (default: all).")
    List<String> paths;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Write under DIR instead of into the workspace.")
    Path destination;

    @Override
    public Integer call() {
        try (RunStore store = runs.openStore();
             DataWorkspace data = DataWorkspace.open(runs.root().repositoryRoot(), runs.root().dataOptions())) {
            RunRecord run = store.get(id);
            List<OutputFile> outputs = RunOutputs.select(run, paths);
            RunOutputs fetcher = new RunOutputs(data, store);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("run", run.id());
            if (destination != null) {
                List<Path> written = fetcher.export(outputs, destination.toAbsolutePath());
                json.put("written", written.stream().map(Path::toString).toList());
                if (!runs.root().global().json()) {
                    runs.root().console().out().println("wrote " + written.size() + " file(s) of run " + run.id()
                            + " under " + destination.toAbsolutePath());
                }
            } else {
                PullResult result = fetcher.restore(outputs);
                json.put("placed", result.placed());
                json.put("unchanged", result.unchanged());
                if (!runs.root().global().json()) {
                    runs.root().console().out().println("restored " + outputs.size() + " output(s) of run " + run.id()
                            + ": " + Formats.count(result.placed()) + " file(s) placed, "
                            + Formats.count(result.unchanged()) + " already in place");
                }
            }
            if (runs.root().global().json()) {
                runs.root().console().json(json);
            }
        }
        return 0;
    }
}
