package io.mlci.core.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlci.core.InvalidInputException;
import io.mlci.core.MlciException;
import io.mlci.core.data.hash.Hex;
import io.mlci.core.storage.BlobNotFoundException;
import io.mlci.core.storage.BlobStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The finished trials of one study, shared through the run store, so that trials training on
 * different machines (one Jenkins agent each) stop by the same median: a trial that finishes
 * writes its history of the early-stop metric once, under
 * {@code sweeps/progress/STUDY/HASH-OF-TRIAL.json}; a running trial lists the study's histories
 * now and then and counts the finished ones it has not seen yet.
 *
 * <p>Only finished trials are shared because only they enter the median; each history is
 * written once and never changes, so a reader caches what it has read and an agent that dies
 * leaves nothing half-written behind. The histories come from trials' own output, which a pull
 * request controls: at worst it stops its own sweep's trials, never a verdict. Histories that are
 * too large, malformed or of another metric are left out.
 */
public final class StudyProgress {

    static final String PREFIX = "sweeps/progress/";
    /** A history larger than this is not read: a step per line of a long training stays far below. */
    static final int MAX_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlobStore blobs;
    private final String study;
    private final String metric;
    private final Duration refresh;
    private final Map<String, NavigableMap<Long, Double>> finished = new HashMap<>();
    private final Set<String> seen = new HashSet<>();
    private long listedAt;
    private boolean listed;

    /**
     * @param study   names the study every trial shares, e.g. the sweep's id or the build's tag
     * @param metric  the early-stop metric the histories are of
     * @param refresh how long a listing of the store is reused before the next one
     */
    public StudyProgress(BlobStore blobs, String study, String metric, Duration refresh) {
        if (study == null || !study.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
            throw new InvalidInputException("study", null, "'" + study + "' is not a study name: letters, digits, "
                    + "'.', '_' and '-', at most 128");
        }
        this.blobs = blobs;
        this.study = study;
        this.metric = metric;
        this.refresh = refresh;
    }

    /** Shares a finished trial's history; a second write of the same trial changes nothing. */
    public void publish(String trial, NavigableMap<Long, Double> history) {
        ObjectNode body = JSON.createObjectNode();
        body.put("trial", trial);
        body.put("metric", metric);
        ObjectNode steps = body.putObject("steps");
        history.forEach((step, value) -> steps.put(Long.toString(step), value));
        try {
            blobs.putIfAbsent(key(trial), JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new MlciException("cannot share the history of trial " + trial + ": " + e.getMessage(), e);
        }
    }

    /** Every finished trial's history shared so far, by trial name. */
    public synchronized Map<String, NavigableMap<Long, Double>> finished() {
        long now = System.nanoTime();
        if (!listed || now - listedAt >= refresh.toNanos()) {
            listed = true;
            listedAt = now;
            for (String key : blobs.list(PREFIX + study + "/")) {
                if (seen.add(key)) {
                    read(key);
                }
            }
        }
        return Map.copyOf(finished);
    }

    /** Reads one shared history; one that is not a history of this metric is left out for good. */
    private void read(String key) {
        try (InputStream in = blobs.open(key)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            JsonNode body = bytes.length > MAX_BYTES ? null : JSON.readTree(bytes);
            String trial = body == null ? null : body.path("trial").asText(null);
            if (trial == null || !metric.equals(body.path("metric").asText()) || !key.equals(key(trial))
                    || !body.path("steps").isObject()) {
                return;
            }
            NavigableMap<Long, Double> history = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> steps = body.path("steps").fields();
            while (steps.hasNext()) {
                Map.Entry<String, JsonNode> step = steps.next();
                if (!step.getKey().matches("-?\\d{1,18}") || !step.getValue().isNumber()) {
                    return;
                }
                history.put(Long.parseLong(step.getKey()), step.getValue().doubleValue());
            }
            if (!history.isEmpty()) {
                finished.put(trial, history);
            }
        } catch (BlobNotFoundException e) {
            seen.remove(key);
        } catch (IOException e) {
            // not JSON: left out, like any history that is not one
        }
    }

    private String key(String trial) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(trial.getBytes(StandardCharsets.UTF_8));
            return PREFIX + study + "/" + Hex.encode(digest).substring(0, 32) + ".json";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
