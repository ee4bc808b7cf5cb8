package io.mlci.core.run.key;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything that determines a training's result, in canonical form. Two runs with equal inputs
 * are expected to produce equal outputs, which is what lets mlci skip the second one.
 *
 * @param command the command as written in mlci.yaml
 * @param image   the Docker image (by digest when known), empty for a local process
 * @param params  flattened canonical params
 * @param data    tracked data path -> content hash
 * @param code    declared code path -> git tree (or blob) id
 * @param env     declared environment variables
 * @param nodes   how many ranks the training spans ({@code train.nodes}); a different world size is a
 *                different training (batch, sharding, collectives)
 */
public record RunInputs(String command, String image, Map<String, JsonNode> params, Map<String, String> data,
                        Map<String, String> code, Map<String, String> env, int nodes) {

    public RunInputs {
        image = image == null ? "" : image;
        params = sorted(params);
        data = sorted(data);
        code = sorted(code);
        env = sorted(env);
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
