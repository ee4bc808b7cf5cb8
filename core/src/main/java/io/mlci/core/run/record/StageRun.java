package io.mlci.core.run.record;

import java.util.Map;
import java.util.TreeMap;

/**
 * One stage of a pipeline run ({@code mlci repro}), as it went.
 *
 * @param stage    the stage's address ({@code train}, {@code train@a}, {@code sub/dvc.yaml:split})
 * @param state    {@code ran}, {@code restored} (outputs of an identical earlier run), {@code unchanged},
 *                 {@code frozen}, {@code failed}, or {@code not run} (an earlier stage failed)
 * @param reason   why it ran (e.g. "dependency 'src/train.py' changed"); null when it did not
 * @param key      the stage's run key; null when not computed
 * @param deps     dependency path to hash
 * @param outs     output path to hash
 */
public record StageRun(String stage, String state, String reason, double durationSeconds, String key, String command,
                       Map<String, String> deps, Map<String, String> outs) {

    public static final String RAN = "ran";
    public static final String RESTORED = "restored";
    public static final String UNCHANGED = "unchanged";
    public static final String FROZEN = "frozen";
    public static final String FAILED = "failed";
    public static final String NOT_RUN = "not run";

    public StageRun {
        deps = deps == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(deps));
        outs = outs == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(outs));
    }
}
