package io.mlci.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * DVC's rule for whether a stage must run: no lock entry, a different command, a dependency or
 * output whose hash differs from the lock (or is missing), a tracked parameter whose value
 * differs, or {@code always_changed}. {@link #compare} lists every difference ({@code mlci data
 * status}); {@link #reason} names the first one ({@code mlci repro}), so both follow one rule.
 */
final class StageChange {

    private StageChange() {
    }

    /**
     * Every difference between the stage as declared, its lock entry and what the workspace holds.
     *
     * @param observed the stage's inputs and outputs now; what is missing from the workspace is
     *                 left out (see {@link StageInputs#observed})
     */
    static StageStatus compare(Stage stage, LockEntry locked, LockEntry observed) {
        boolean alwaysChanged = stage.alwaysChanged() || (stage.deps().isEmpty() && stage.outs().isEmpty());
        if (locked == null) {
            return new StageStatus(stage.address(), lockFile(stage), stage.frozen(), true, false, alwaysChanged,
                    Map.of(), Map.of(), Map.of());
        }
        boolean commandChanged = !locked.commandText().equals(observed.commandText());
        // As DVC: a frozen stage's inputs are not checked, its outputs are.
        Map<String, String> deps = stage.frozen() ? Map.of() : paths(stage.deps(), locked.deps(), observed.deps());
        Map<String, Map<String, String>> params = stage.frozen() ? Map.of() : params(stage, locked, observed);
        List<String> outs = stage.outs().stream().map(StageOutput::path).toList();
        return new StageStatus(stage.address(), lockFile(stage), stage.frozen(), false, commandChanged, alwaysChanged,
                deps, params, paths(outs, locked.outs(), observed.outs()));
    }

    /** The first reason the stage must run, in the order DVC checks them, or null when up to date. */
    static String reason(Stage stage, LockEntry locked, LockEntry now) {
        if (stage.alwaysChanged()) {
            return "always_changed";
        }
        if (locked == null) {
            return "no entry in dvc.lock";
        }
        StageStatus status = compare(stage, locked, now);
        if (status.commandChanged()) {
            return "command changed";
        }
        Optional<String> dep = first(status.deps()).map(e -> "dependency '" + e.getKey() + "' " + pathPhrase(e.getValue(),
                "does not exist"));
        if (dep.isPresent()) {
            return dep.get();
        }
        for (Map.Entry<String, Map<String, String>> file : status.params().entrySet()) {
            boolean declared = stage.params().stream().anyMatch(p -> p.path().equals(file.getKey()));
            if (!declared) {
                return "params file '" + file.getKey() + "' is no longer tracked";
            }
            Map.Entry<String, String> key = file.getValue().entrySet().iterator().next();
            return "param '" + key.getKey() + "' " + switch (key.getValue()) {
                case StageStatus.NEW -> "is new";
                case StageStatus.MODIFIED -> "changed";
                default -> "was removed";
            };
        }
        Optional<String> missing = status.outs().entrySet().stream().filter(e -> e.getValue().equals(StageStatus.DELETED))
                .map(Map.Entry::getKey).findFirst();
        if (missing.isPresent()) {
            return "output '" + missing.get() + "' is missing";
        }
        return first(status.outs()).map(e -> "output '" + e.getKey() + "' " + pathPhrase(e.getValue(), "is missing"))
                .orElse(null);
    }

    private static Optional<Map.Entry<String, String>> first(Map<String, String> changes) {
        return changes.entrySet().stream().findFirst();
    }

    private static String pathPhrase(String word, String deleted) {
        return switch (word) {
            case StageStatus.NEW -> "is new";
            case StageStatus.MODIFIED -> "changed";
            case StageStatus.REMOVED -> "was removed from the stage";
            default -> deleted;
        };
    }

    /** Declared paths (sorted) against the lock, then what the lock has that the stage no longer declares. */
    private static Map<String, String> paths(List<String> declared, List<LockEntry.LockedPath> locked,
                                             List<LockEntry.LockedPath> observed) {
        Map<String, String> before = new HashMap<>();
        locked.forEach(path -> before.put(path.path(), path.md5()));
        Map<String, String> now = new HashMap<>();
        observed.forEach(path -> now.put(path.path(), path.md5()));
        Map<String, String> changes = new LinkedHashMap<>();
        for (String path : new java.util.TreeSet<>(declared)) {
            if (!now.containsKey(path)) {
                changes.put(path, StageStatus.DELETED);
            } else if (!before.containsKey(path)) {
                changes.put(path, StageStatus.NEW);
            } else if (!before.get(path).equals(now.get(path))) {
                changes.put(path, StageStatus.MODIFIED);
            }
        }
        locked.stream().map(LockEntry.LockedPath::path).filter(path -> !declared.contains(path))
                .forEach(path -> changes.put(path, StageStatus.REMOVED));
        return changes;
    }

    /** Per params file (params.yaml first), the tracked keys whose value differs, sorted. */
    private static Map<String, Map<String, String>> params(Stage stage, LockEntry locked, LockEntry observed) {
        Map<String, Map<String, String>> changes = new LinkedHashMap<>();
        Set<String> declaredFiles = new LinkedHashSet<>();
        for (ParamsDependency dep : ordered(stage.params())) {
            declaredFiles.add(dep.path());
            Map<String, JsonNode> before = locked.params().getOrDefault(dep.path(), Map.of());
            Map<String, JsonNode> now = observed.params().getOrDefault(dep.path(), Map.of());
            Set<String> keys = new java.util.TreeSet<>(dep.keys());
            if (dep.wholeFile()) {
                keys.addAll(before.keySet());
                keys.addAll(now.keySet());
            }
            Map<String, String> file = new TreeMap<>();
            for (String key : keys) {
                if (!now.containsKey(key)) {
                    file.put(key, StageStatus.DELETED);
                } else if (!before.containsKey(key)) {
                    file.put(key, StageStatus.NEW);
                } else if (!StageInputs.sameValue(before.get(key), now.get(key))) {
                    file.put(key, StageStatus.MODIFIED);
                }
            }
            before.keySet().stream().filter(key -> !keys.contains(key)).forEach(key -> file.put(key, StageStatus.REMOVED));
            if (!file.isEmpty()) {
                changes.put(dep.path(), file);
            }
        }
        for (Map.Entry<String, Map<String, JsonNode>> file : locked.params().entrySet()) {
            if (!declaredFiles.contains(file.getKey()) && !file.getValue().isEmpty()) {
                Map<String, String> removed = new TreeMap<>();
                file.getValue().keySet().forEach(key -> removed.put(key, StageStatus.REMOVED));
                changes.put(file.getKey(), removed);
            }
        }
        return changes;
    }

    private static List<ParamsDependency> ordered(List<ParamsDependency> params) {
        List<ParamsDependency> sorted = new ArrayList<>(params);
        sorted.sort((a, b) -> a.path().equals(Vars.DEFAULT_FILE) ? (b.path().equals(Vars.DEFAULT_FILE) ? 0 : -1)
                : b.path().equals(Vars.DEFAULT_FILE) ? 1 : a.path().compareTo(b.path()));
        return sorted;
    }

    private static String lockFile(Stage stage) {
        return RepoPath.join(stage.dvcDir(), DvcYaml.LOCK_NAME);
    }
}
