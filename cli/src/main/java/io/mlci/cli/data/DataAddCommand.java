package io.mlci.cli.data;

import io.mlci.cli.output.Formats;
import io.mlci.core.data.workspace.AddedOutput;
import io.mlci.core.data.workspace.DataWorkspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Track files or directories: store their content in the cache and write PATH.dvc "
                + "exactly as 'dvc add' does (and list PATH in .gitignore).",
        footer = {"", "Example:", "  mlci data add data/train data/eval && git add data/*.dvc data/.gitignore"})
final class DataAddCommand extends DataVerb {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories to track.")
    List<Path> paths;

    @Override
    public Integer call() {
        List<Map<String, Object>> results = new ArrayList<>();
        try (DataWorkspace workspace = openWorkspace()) {
            List<Path> resolvedPaths = paths.stream().map(path -> global().directory().resolve(path)).toList();
            workspace.requireAddable(resolvedPaths);
            for (Path resolved : resolvedPaths) {
                AddedOutput added = workspace.add(resolved);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("pointer", workspace.root().relativize(added.pointerFile()).toString());
                row.put("path", added.output().workspacePath());
                row.put("md5", added.output().objectId().value());
                row.put("size", added.output().size());
                if (added.output().isDirectory()) {
                    row.put("nfiles", added.output().nfiles());
                }
                results.add(row);
                if (!global().json()) {
                    console().out().printf("added %s -> %s (%s%s)%n", row.get("path"), row.get("pointer"),
                            Formats.bytes(added.output().size()),
                            added.output().isDirectory() ? ", " + Formats.count(added.output().nfiles()) + " files" : "");
                }
            }
        }
        if (global().json()) {
            console().json(Map.of("added", results));
        }
        return 0;
    }
}
