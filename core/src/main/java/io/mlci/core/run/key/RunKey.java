package io.mlci.core.run.key;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlci.core.data.hash.Hex;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The sha256 of the canonical JSON of a run's {@link RunInputs}. The JSON has sorted keys and no
 * whitespace, and starts with a format version, so the same inputs give the same key in any
 * process on any machine, and a change to how keys are computed can never collide with old keys.
 */
public record RunKey(String value) {

    /** Bump when the canonical form changes; old keys then simply stop matching. */
    static final int FORMAT = 1;

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    public RunKey {
        if (value == null || !value.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a run key is 64 lower-case hex digits: " + value);
        }
    }

    public static RunKey of(RunInputs inputs) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalJson(inputs).getBytes(StandardCharsets.UTF_8));
            return new RunKey(Hex.encode(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The exact text that is hashed; also what {@code mlci runs diff} compares. */
    public static String canonicalJson(RunInputs inputs) {
        ObjectNode root = CANONICAL.createObjectNode();
        root.put("format", FORMAT);
        root.put("command", inputs.command());
        root.put("image", inputs.image());
        root.set("params", CANONICAL.valueToTree(inputs.params()));
        root.set("data", CANONICAL.valueToTree(inputs.data()));
        root.set("code", CANONICAL.valueToTree(inputs.code()));
        root.set("env", CANONICAL.valueToTree(inputs.env()));
        if (inputs.nodes() > 1) {
            // only when set: the keys of single-node trainings stay the ones they always were
            root.put("nodes", inputs.nodes());
        }
        try {
            return CANONICAL.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("plain maps of strings and JSON values always serialise", e);
        }
    }

    public String shortForm() {
        return value.substring(0, 12);
    }

    @Override
    public String toString() {
        return value;
    }
}
