package io.mlci.core.report;

import io.mlci.core.run.record.DataInput;
import io.mlci.core.run.record.RunRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A tracked data path whose content differs between the baseline and the candidate.
 *
 * @param pointer the pointer that names it
 * @param oldHash the baseline's hash, null when it did not read this path
 * @param newHash the candidate's hash, null when it does not read this path
 */
public record DataChange(String path, String pointer, String oldHash, String newHash, Long oldSize, Long newSize) {

    public static List<DataChange> between(RunRecord baseline, RunRecord candidate) {
        if (baseline == null) {
            return List.of();
        }
        Map<String, DataInput> before = byPath(baseline);
        Map<String, DataInput> after = byPath(candidate);
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        List<DataChange> changes = new ArrayList<>();
        for (String path : paths) {
            DataInput old = before.get(path);
            DataInput now = after.get(path);
            if (old == null || now == null || !Objects.equals(old.hash(), now.hash())) {
                changes.add(new DataChange(path, now != null ? now.pointer() : old.pointer(),
                        old == null ? null : old.hash(), now == null ? null : now.hash(),
                        old == null ? null : old.size(), now == null ? null : now.size()));
            }
        }
        return changes;
    }

    private static Map<String, DataInput> byPath(RunRecord run) {
        Map<String, DataInput> map = new LinkedHashMap<>();
        run.data().forEach(input -> map.put(input.path(), input));
        return map;
    }
}
