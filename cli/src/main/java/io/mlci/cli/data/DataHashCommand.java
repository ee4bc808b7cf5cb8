package io.mlci.cli.data;

import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.data.workspace.WorkspaceHasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "hash", mixinStandardHelpOptions = true,
        description = {"Print the DVC hash of files or directories (md5, or md5 with .dir for directories).",
                "A read: it writes nothing (no .dvc/, no cache, no remembered hashes)."},
        footer = {"", "Examples:", "  mlci data hash data/    # 5ea40360f5b4ec688df672a4db9c17d1.dir",
                "  mlci data hash data/ model.pkl    # one 'HASH  PATH' line each"})
final class DataHashCommand extends DataVerb {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories.")
    List<Path> paths;

    @Override
    public Integer call() {
        List<Map<String, Object>> results = new ArrayList<>();
        try (DataWorkspace workspace = DataWorkspace.openReadOnly(parent.root().repositoryRoot(), parent.root().dataOptions())) {
            for (Path path : paths) {
                WorkspaceHasher.Hashed hashed = workspace.hash(global().directory().resolve(path));
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("path", path.toString());
                result.put("md5", hashed.hash());
                result.put("size", hashed.size());
                if (hashed.isDirectory()) {
                    result.put("nfiles", hashed.nfiles());
                }
                results.add(result);
            }
        }
        if (global().json()) {
            console().json(results.size() == 1 ? results.get(0) : Map.of("hashes", results));
        } else if (results.size() == 1) {
            console().out().println(results.get(0).get("md5"));
        } else {
            results.forEach(r -> console().out().println(r.get("md5") + "  " + r.get("path")));
        }
        return 0;
    }
}
