package io.mlci.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stage's entry of {@code dvc.lock}: what ran and exactly what it read and wrote.
 *
 * @param cmd    the command as dvc.yaml wrote it: one string, or a list when written as a list
 * @param params params file (as written) to tracked key to value
 */
public record LockEntry(String name, List<String> cmd, boolean cmdIsList, List<LockedPath> deps,
                        Map<String, Map<String, JsonNode>> params, List<LockedPath> outs) {

    public LockEntry {
        cmd = List.copyOf(cmd);
        deps = List.copyOf(deps);
        outs = List.copyOf(outs);
        Map<String, Map<String, JsonNode>> copy = new LinkedHashMap<>();
        params.forEach((file, values) -> copy.put(file, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values))));
        params = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * A dependency or output with its content.
     *
     * @param path   as written in dvc.yaml (relative to the stage's working directory)
     * @param md5    file md5, or the listing's md5 with {@code .dir} for a directory
     * @param nfiles files of a directory; -1 for a file
     * @param legacy a DVC 2 entry without {@code hash: md5}
     */
    public record LockedPath(String path, String md5, long size, long nfiles, boolean isexec, boolean legacy) {

        public boolean isDirectory() {
            return md5 != null && md5.endsWith(".dir");
        }
    }

    /** The command as one text, for comparing a list with its earlier lock entry. */
    public String commandText() {
        return String.join("\n", cmd);
    }
}
