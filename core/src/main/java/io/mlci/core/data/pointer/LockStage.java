package io.mlci.core.data.pointer;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * One stage of a {@code dvc.lock}: the command that ran, the exact dependencies and parameter
 * values it saw, and the outputs it produced.
 *
 * @param params params file (relative to the stage's working directory) to parameter key to value
 */
public record LockStage(String name, String cmd, List<Output> deps, Map<String, Map<String, JsonNode>> params,
                        List<Output> outs) {

    public LockStage {
        deps = List.copyOf(deps);
        outs = List.copyOf(outs);
        params = Map.copyOf(params);
    }
}
