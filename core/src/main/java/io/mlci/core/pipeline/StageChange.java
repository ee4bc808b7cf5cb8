package io.mlci.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DVC's rule for whether a stage must run: no lock entry, a different command, a dependency or
 * output whose hash differs from the lock (or is missing), a tracked parameter whose value
 * differs, or {@code always_changed}. Returns the first reason found, or null when up to date.
 */
final class StageChange {

    private StageChange() {
    }

    static String reason(Stage stage, LockEntry locked, LockEntry now, Set<String> missingOuts) {
        if (stage.alwaysChanged()) {
            return "always_changed";
        }
        if (locked == null) {
            return "no entry in dvc.lock";
        }
        if (!locked.commandText().equals(now.commandText())) {
            return "command changed";
        }
        String deps = pathChange("dependency", locked.deps(), now.deps(), Set.of());
        if (deps != null) {
            return deps;
        }
        String params = paramsChange(locked.params(), now.params());
        if (params != null) {
            return params;
        }
        if (!missingOuts.isEmpty()) {
            return "output '" + missingOuts.iterator().next() + "' is missing";
        }
        return pathChange("output", locked.outs(), now.outs(), missingOuts);
    }

    private static String pathChange(String what, List<LockEntry.LockedPath> locked, List<LockEntry.LockedPath> now,
                                     Set<String> ignored) {
        Map<String, String> before = new HashMap<>();
        locked.forEach(path -> before.put(path.path(), path.md5()));
        Set<String> seen = new HashSet<>();
        for (LockEntry.LockedPath path : now) {
            seen.add(path.path());
            String md5 = before.get(path.path());
            if (md5 == null) {
                return what + " '" + path.path() + "' is new";
            }
            if (!md5.equals(path.md5())) {
                return what + " '" + path.path() + "' changed";
            }
        }
        for (String path : before.keySet()) {
            if (!seen.contains(path) && !ignored.contains(path)) {
                return what + " '" + path + "' was removed from the stage";
            }
        }
        return null;
    }

    private static String paramsChange(Map<String, Map<String, JsonNode>> locked, Map<String, Map<String, JsonNode>> now) {
        for (Map.Entry<String, Map<String, JsonNode>> file : now.entrySet()) {
            Map<String, JsonNode> before = locked.getOrDefault(file.getKey(), Map.of());
            for (Map.Entry<String, JsonNode> value : file.getValue().entrySet()) {
                if (!before.containsKey(value.getKey())) {
                    return "param '" + value.getKey() + "' is new";
                }
                if (!StageInputs.sameValue(before.get(value.getKey()), value.getValue())) {
                    return "param '" + value.getKey() + "' changed";
                }
            }
            for (String key : before.keySet()) {
                if (!file.getValue().containsKey(key)) {
                    return "param '" + key + "' was removed";
                }
            }
        }
        for (String file : locked.keySet()) {
            if (!now.containsKey(file) && !locked.get(file).isEmpty()) {
                return "params file '" + file + "' is no longer tracked";
            }
        }
        return null;
    }
}
