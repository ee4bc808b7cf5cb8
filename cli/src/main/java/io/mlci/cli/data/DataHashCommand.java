package io.mlci.cli.data;

import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.data.workspace.WorkspaceHasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "hash", mixinStandardHelpOptions = true,
        description = "Print the DVC hash of a file or directory (md5, or md5 with .dir for directories).",
        footer = {"", "Example:", "  mlci data hash data/    # 5ea40360f5b4ec688df672a4db9c17d1.dir"})
final class DataHashCommand extends DataVerb {

    @Parameters(paramLabel = "PATH", description = "File or directory.")
    Path path;

    @Override
    public Integer call() {
        try (DataWorkspace workspace = openWorkspace()) {
            WorkspaceHasher.Hashed hashed = workspace.hash(global().directory().resolve(path));
            if (global().json()) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("path", path.toString());
                result.put("md5", hashed.hash());
                result.put("size", hashed.size());
                if (hashed.isDirectory()) {
                    result.put("nfiles", hashed.nfiles());
                }
                console().json(result);
            } else {
                console().out().println(hashed.hash());
            }
        }
        return 0;
    }
}
