package io.mlci.core.run.lease;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlci.core.storage.BlobNotFoundException;
import io.mlci.core.storage.BlobStore;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The lease blobs of a run store: {@code leases/RUNKEY/ATTEMPT.json}, one per claim. A claim is a
 * create-if-absent of the next attempt number, so of two trainers claiming at once exactly one
 * wins; only the winner ever rewrites its blob (to renew it).
 */
final class LeaseBlobs {

    /** A lease blob is a few hundred bytes; anything much larger was not written by mlci. */
    private static final int MAX_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final BlobStore blobs;

    LeaseBlobs(BlobStore blobs) {
        this.blobs = blobs;
    }

    String describe() {
        return blobs.describe();
    }

    /** The highest attempt claimed for the run key, 0 when there is none. */
    int newestAttempt(String runKey) {
        return attempts(runKey).stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** Every attempt with a blob, in no order. */
    List<Integer> attempts(String runKey) {
        String prefix = prefix(runKey);
        return blobs.list(prefix).stream().map(key -> key.substring(prefix.length()))
                .filter(name -> name.matches("\\d{1,9}\\.json"))
                .map(name -> Integer.parseInt(name.substring(0, name.length() - ".json".length()))).toList();
    }

    /** The blob's bytes, or empty when it is gone (released meanwhile). */
    Optional<byte[]> read(String runKey, int attempt) {
        try (InputStream in = blobs.open(key(runKey, attempt))) {
            return Optional.of(in.readNBytes(MAX_BYTES));
        } catch (BlobNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new io.mlci.core.MlciException(blobs.describe() + ": cannot read lease " + key(runKey, attempt) + ": "
                    + e.getMessage(), e);
        }
    }

    /** The lease a blob holds, or empty when it is not one (damaged, written by hand). */
    static Optional<LeaseRecord> parse(byte[] bytes) {
        try {
            return Optional.ofNullable(JSON.readValue(bytes, LeaseRecord.class)).filter(r -> r.ttlSeconds() > 0 && r.ttlSeconds() <= 86_400);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Claims the record's attempt; false when another trainer claimed it first. */
    boolean create(LeaseRecord record) {
        return blobs.putIfAbsent(key(record.runKey(), record.attempt()), bytes(record));
    }

    /** Rewrites the holder's own blob (a renewal). */
    void write(LeaseRecord record) {
        blobs.put(key(record.runKey(), record.attempt()), bytes(record));
    }

    void remove(LeaseRecord record) {
        remove(record.runKey(), record.attempt());
    }

    void remove(String runKey, int attempt) {
        blobs.delete(key(runKey, attempt));
    }

    private static byte[] bytes(LeaseRecord record) {
        try {
            return JSON.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new io.mlci.core.MlciException("cannot serialise the lease on run key " + record.runKey() + ": "
                    + e.getMessage(), e);
        }
    }

    private static String prefix(String runKey) {
        return "leases/" + runKey + "/";
    }

    private static String key(String runKey, int attempt) {
        return prefix(runKey) + String.format("%08d", attempt) + ".json";
    }
}
