package io.mlci.core.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one stage of a pipeline differs from its {@code dvc.lock} entry, item by item, as
 * {@code dvc status} lists it. Paths are as dvc.yaml writes them; each maps to one of the
 * words below. {@code mlci repro} runs the stage exactly when this is not {@link #upToDate()}
 * (frozen stages aside, which it never runs).
 *
 * @param address        the stage as targets name it ({@code train}, {@code sub/dvc.yaml:train})
 * @param neverRun       dvc.lock has no entry for it
 * @param commandChanged its command differs from the one that ran
 * @param alwaysChanged  {@code always_changed: true}, or a command without dependencies and outputs
 * @param deps           changed dependencies: path to word
 * @param params         changed parameters: params file to key to word
 * @param outs           changed outputs: path to word
 */
public record StageStatus(String address, String lockFile, boolean frozen, boolean neverRun, boolean commandChanged,
                          boolean alwaysChanged, Map<String, String> deps, Map<String, Map<String, String>> params,
                          Map<String, String> outs) {

    /** The content differs from what dvc.lock recorded. */
    public static final String MODIFIED = "modified";
    /** Declared in dvc.yaml but absent from the workspace (a parameter: absent from its file). */
    public static final String DELETED = "deleted";
    /** Declared in dvc.yaml but not recorded in dvc.lock. */
    public static final String NEW = "new";
    /** Recorded in dvc.lock but no longer declared in dvc.yaml. */
    public static final String REMOVED = "removed from stage";

    public StageStatus {
        deps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(deps));
        outs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outs));
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        params.forEach((file, keys) -> copy.put(file, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys))));
        params = java.util.Collections.unmodifiableMap(copy);
    }

    public boolean upToDate() {
        return !neverRun && !commandChanged && !alwaysChanged && deps.isEmpty() && params.isEmpty() && outs.isEmpty();
    }

    /**
     * The stage's entry of {@code dvc status --json}: a list of {@code {"changed deps": {...}}},
     * {@code {"changed outs": {...}}}, {@code "always changed"} and {@code "changed command"},
     * with changed parameters under their params file inside {@code changed deps}. A stage that
     * never ran says {@code "not in dvc.lock"}. Empty when up to date.
     */
    public List<Object> asDvcJson() {
        List<Object> entries = new ArrayList<>();
        if (neverRun) {
            entries.add("not in " + lockFile);
        }
        Map<String, Object> changedDeps = new LinkedHashMap<>(deps);
        changedDeps.putAll(params);
        if (!changedDeps.isEmpty()) {
            entries.add(Map.of("changed deps", changedDeps));
        }
        if (!outs.isEmpty()) {
            entries.add(Map.of("changed outs", outs));
        }
        if (alwaysChanged) {
            entries.add("always changed");
        }
        if (commandChanged) {
            entries.add("changed command");
        }
        return entries;
    }
}
