package io.mlci.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlci.core.json.ParserLimits;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlci.core.data.hash.HashAlgorithm;
import io.mlci.core.data.hash.Hex;
import io.mlci.core.data.pointer.Output;
import io.mlci.core.data.hash.ObjectId;
import io.mlci.core.run.record.Resources;
import io.mlci.core.storage.BlobNotFoundException;
import io.mlci.core.storage.BlobStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Per-stage skip across machines (DVC's run-cache idea): a stage's key is the sha256 of what
 * determines its outputs — command, working directory, image, dependency hashes, parameter
 * values and output paths. When a stage with that key succeeded anywhere, its outputs are in
 * the artifact store and {@code stages/KEY.json} in the run store names them, so the stage is
 * restored instead of run. Entries are written create-if-absent and never changed. An entry also
 * keeps what the stage took where it ran (hours, machine, cost), which a restore counts as saved;
 * entries written before that have none.
 */
final class StageCache {

    private static final ObjectMapper JSON = new ObjectMapper(ParserLimits.jsonFactory(ParserLimits.DOCUMENT_BYTES)).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    /** Larger entries are not what this cache writes; refusing them bounds what a store can make us read. */
    private static final int MAX_ENTRY_BYTES = 4 * 1024 * 1024;

    private final BlobStore store;

    StageCache(BlobStore store) {
        this.store = store;
    }

    static String key(Stage stage, LockEntry inputs, String image) {
        ObjectNode canonical = JsonNodeFactory.instance.objectNode();
        canonical.put("cmd", inputs.commandText());
        canonical.put("wdir", stage.wdir());
        canonical.put("image", image);
        ArrayNode deps = canonical.putArray("deps");
        inputs.deps().forEach(dep -> deps.addObject().put("path", dep.path()).put("md5", dep.md5()));
        ObjectNode params = canonical.putObject("params");
        inputs.params().forEach((file, values) -> {
            ObjectNode tracked = params.putObject(file);
            values.forEach(tracked::set);
        });
        ArrayNode outs = canonical.putArray("outs");
        stage.outs().stream().map(StageOutput::path).sorted().forEach(outs::add);
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return Hex.encode(sha256.digest(JSON.writeValueAsBytes(JSON.treeToValue(canonical, Object.class))));
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("SHA-256 and JSON are always available", e);
        }
    }

    /**
     * A stage that ran before with the same key.
     *
     * @param training what it took in the run it came from; null when the entry does not say
     */
    record Entry(List<LockEntry.LockedPath> outs, Resources.Training training) {
    }

    Optional<Entry> find(String key, Stage stage) {
        byte[] bytes;
        try (InputStream in = store.open(path(key))) {
            bytes = in.readNBytes(MAX_ENTRY_BYTES + 1);
        } catch (BlobNotFoundException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (bytes.length > MAX_ENTRY_BYTES) {
            return Optional.empty();
        }
        try {
            JsonNode entry = JSON.readTree(bytes);
            List<LockEntry.LockedPath> outs = new ArrayList<>();
            for (JsonNode out : entry.path("outs")) {
                outs.add(new LockEntry.LockedPath(out.path("path").asText(), out.path("md5").asText(),
                        out.path("size").asLong(), out.path("nfiles").asLong(-1), out.path("isexec").asBoolean(), false));
            }
            boolean matches = outs.stream().map(LockEntry.LockedPath::path).sorted().toList()
                    .equals(stage.outs().stream().map(StageOutput::path).sorted().toList());
            boolean wellFormed = outs.stream().allMatch(out -> out.md5().matches("[0-9a-f]{32}(\\.dir)?"));
            return matches && wellFormed ? Optional.of(new Entry(outs, training(entry))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** An unreadable or impossible figure counts nothing rather than failing the restore. */
    private static Resources.Training training(JsonNode entry) {
        JsonNode node = entry.get("training");
        if (node == null || !node.isObject()) {
            return null;
        }
        try {
            Resources.Training training = JSON.treeToValue(node, Resources.Training.class);
            boolean sane = training.run() != null && Double.isFinite(training.hours()) && training.hours() >= 0
                    && (training.cost() == null || (Double.isFinite(training.cost().estimate()) && training.cost().estimate() >= 0
                    && training.cost().currency() != null));
            return sane ? training : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** @param training what the stage took here, counted as saved where it is restored */
    void save(String key, String runId, Stage stage, List<LockEntry.LockedPath> outs, Resources.Training training) {
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.put("key", key);
        entry.put("run", runId);
        entry.put("stage", stage.address());
        entry.set("training", JSON.valueToTree(training));
        ArrayNode list = entry.putArray("outs");
        for (LockEntry.LockedPath out : outs) {
            ObjectNode item = list.addObject().put("path", out.path()).put("md5", out.md5()).put("size", out.size());
            if (out.isDirectory()) {
                item.put("nfiles", out.nfiles());
            }
            if (out.isexec()) {
                item.put("isexec", true);
            }
        }
        try {
            store.putIfAbsent(path(key), JSON.writeValueAsString(entry).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** The entry's outputs as pointers the data layer can fetch and place. */
    static List<Output> pointers(Stage stage, List<LockEntry.LockedPath> outs) {
        List<Output> pointers = new ArrayList<>();
        for (LockEntry.LockedPath out : outs) {
            String workspacePath = stage.outs().stream().filter(o -> o.path().equals(out.path())).findFirst()
                    .map(StageOutput::workspacePath).orElseThrow();
            pointers.add(new Output(workspacePath, workspacePath, new ObjectId(out.md5(), HashAlgorithm.MD5), out.size(),
                    out.nfiles(), out.isexec(), true, true, null));
        }
        return pointers;
    }

    private static String path(String key) {
        return "stages/" + key + ".json";
    }
}
