package io.mlci.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mlci.core.run.params.Params;
import io.mlci.core.storage.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables a training command gets on top of the inherited environment: the declared
 * {@code train.env}, the run's id and key, and the params both as one JSON file
 * ({@code MLCI_PARAMS_FILE}, flattened names) and one variable each ({@code train.lr} ->
 * {@code MLCI_PARAM_TRAIN_LR}), so scripts in any language can read them without a YAML parser.
 */
final class CommandEnvironment {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private CommandEnvironment() {
    }

    static Map<String, String> of(PreparedRun run, String runId, RunWorkdir workdir, java.nio.file.Path root) {
        Map<String, String> env = new LinkedHashMap<>(run.config().train().env());
        env.put("MLCI_RUN_ID", runId);
        env.put("MLCI_RUN_KEY", run.key().value());
        env.put("MLCI_PARAMS_FILE", writeParams(run.params(), workdir).toString());
        if (run.config().train().checkpoints() != null) {
            env.put("MLCI_CHECKPOINT_DIR", root.resolve(run.config().train().checkpoints().path()).toString());
        }
        for (Map.Entry<String, JsonNode> param : run.params().values().entrySet()) {
            env.put(variableName(param.getKey()), Params.plain(param.getValue()));
        }
        return env;
    }

    static String variableName(String param) {
        return "MLCI_PARAM_" + param.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static java.nio.file.Path writeParams(Params params, RunWorkdir workdir) {
        try {
            AtomicFiles.write(workdir.paramsFile(), JSON.writeValueAsBytes(params.values()));
            return workdir.paramsFile();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + workdir.paramsFile(), e);
        }
    }
}
