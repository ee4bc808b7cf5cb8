package io.mlci.core.run.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mlci.core.json.ParserLimits;
import io.mlci.core.InvalidInputException;
import io.mlci.core.MlciException;
import io.mlci.core.run.record.RunIds;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.RunStatus;
import io.mlci.core.storage.BlobNotFoundException;
import io.mlci.core.storage.BlobStore;
import io.mlci.core.storage.PrefixedBlobStore;
import io.mlci.core.storage.PullRequestBlobStore;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Run records in a blob store (a directory or an S3 prefix). Every write creates a new key with
 * create-if-absent, nothing is ever rewritten, so any number of parallel builds can record runs
 * into one store without locks and without losing each other's records.
 *
 * <pre>
 * runs/ID.json                     the record
 * index/branch/BRANCH/ID.STATUS    empty markers: queries list keys and read no records
 * index/commit/COMMIT/ID.STATUS
 * index/key/RUNKEY/ID.STATUS
 * logs/ID.log                      the training's console output
 * facts/ID/KIND/INSTANT-RANDOM.json  later facts (gate verdicts, promotions)
 * checkpoints/RUNKEY/...           the latest checkpoint manifest of an unfinished training
 * leases/RUNKEY/ATTEMPT.json       who trains the run key right now (see RunKeyLeases)
 * objects/files/md5/..             outputs, in the DVC remote layout, when no data remote is set
 * </pre>
 *
 * A pull-request build writes the same layout under {@code pr/ID/} (see {@link #forPullRequest}).
 *
 * The record is written before its index markers: a crash in between leaves a record that only a
 * full listing finds, never a marker pointing at nothing.
 */
public final class RunStore implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper(ParserLimits.jsonFactory(ParserLimits.DOCUMENT_BYTES))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Markers carry no information; one byte rather than none, which some S3-compatible servers mishandle. */
    private static final byte[] MARKER = {'\n'};

    private final BlobStore blobs;
    /** What the store holds without a pull request's own writes; the same as blobs outside pull requests. */
    private final BlobStore trusted;

    public RunStore(BlobStore blobs) {
        this(blobs, blobs);
    }

    private RunStore(BlobStore blobs, BlobStore trusted) {
        this.blobs = blobs;
        this.trusted = trusted;
    }

    /**
     * The store as a pull-request build sees it: everything in it, plus what the build writes,
     * which goes under {@code pr/ID/} only.
     */
    public RunStore forPullRequest(String changeId) {
        return new RunStore(new PullRequestBlobStore(blobs, changeId), blobs);
    }

    /**
     * The store without any pull request's own writes: where baselines and the registry are read.
     * Closing it does not close this store.
     */
    public RunStore trusted() {
        return trusted == blobs ? this : new RunStore(new PrefixedBlobStore(trusted, ""));
    }

    /** Whether writes go to a pull request's own key space. */
    public boolean isPullRequestView() {
        return trusted != blobs;
    }

    public String describe() {
        return blobs.describe();
    }

    public BlobStore blobs() {
        return blobs;
    }

    /**
     * The directory the store keeps its files in when it is a local one (pull requests' writes
     * included, under {@code pr/ID/}); empty for S3 and http stores.
     */
    public Optional<Path> localDirectory() {
        return trusted instanceof io.mlci.core.storage.LocalBlobStore local ? Optional.of(local.root()) : Optional.empty();
    }

    /** Where outputs go when the repository has no data remote: the DVC layout under objects/. */
    public BlobStore objects() {
        return new PrefixedBlobStore(blobs, "objects");
    }

    /** Where a training's checkpoints are kept while it has not succeeded. */
    public BlobStore checkpoints(String runKey) {
        return new PrefixedBlobStore(blobs, "checkpoints/" + runKey);
    }

    /**
     * Fails now, with the store's own message, if the store cannot be reached (wrong credentials,
     * unreachable endpoint, missing bucket) — before hours of training, not after.
     */
    public void checkReachable() {
        blobs.exists("runs/.reachable");
    }

    /**
     * Fails now, naming the store, if a run could not be recorded there: a read-only store, a
     * path that is a file, a directory this process cannot write. Checked before training, so
     * no training runs whose record would be lost.
     */
    public void checkWritable() {
        checkReachable();
        if (!blobs.isWritable()) {
            throw new InvalidInputException(describe(), null, "is read-only: runs cannot be recorded there; "
                    + "give a directory or s3://bucket/prefix with --store");
        }
        if (blobs instanceof io.mlci.core.storage.LocalBlobStore local) {
            checkLocalDirectory(local.root());
        }
    }

    private static void checkLocalDirectory(Path dir) {
        if (java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
            throw new InvalidInputException(dir.toString(), null, "is a file, not a directory: the run store is a "
                    + "directory (created if absent) or s3://bucket/prefix");
        }
        try {
            java.nio.file.Files.createDirectories(dir);
            // a real write: permission bits say nothing to root, to ACLs or to a read-only mount
            Path probe = io.mlci.core.storage.AtomicFiles.tempBeside(dir.resolve("write-check"));
            java.nio.file.Files.write(probe, new byte[0]);
            java.nio.file.Files.delete(probe);
        } catch (IOException e) {
            throw new InvalidInputException(dir.toString(), null, "cannot be written (" + e + "): runs could not be "
                    + "recorded there; give a writable directory or s3://bucket/prefix with --store");
        }
    }

    // ------------------------------------------------------------------ writing

    /** Stores the log, then the record, then its index markers. Refuses an id already taken. */
    public void save(RunRecord record, Path log) {
        if (log != null) {
            blobs.put(logKey(record.id()), log);
        }
        byte[] json = toJson(record);
        if (!blobs.putIfAbsent(recordKey(record.id()), json)) {
            throw new MlciException("run " + record.id() + " already exists in " + describe() + "; records are never overwritten");
        }
        String marker = record.id() + "." + record.status().label();
        if (record.source().branch() != null) {
            blobs.putIfAbsent("index/branch/" + encode(record.source().branch()) + "/" + marker, MARKER);
        }
        if (record.source().commit() != null) {
            blobs.putIfAbsent("index/commit/" + record.source().commit() + "/" + marker, MARKER);
        }
        blobs.putIfAbsent("index/key/" + record.runKey() + "/" + marker, MARKER);
    }

    /** Appends a fact about a run; earlier facts stay as they were. */
    public Fact addFact(String runId, String kind, JsonNode body) {
        get(runId);
        if (!kind.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("fact kinds are lower-case words: " + kind);
        }
        Instant now = Instant.now();
        Fact fact = new Fact(runId, kind, now.toString(), body);
        String key = "facts/" + runId + "/" + kind + "/" + now.toEpochMilli() + "-" + String.format("%08x", RANDOM.nextInt()) + ".json";
        try {
            if (!blobs.putIfAbsent(key, JSON.writeValueAsBytes(fact))) {
                throw new MlciException("fact " + key + " already exists in " + describe());
            }
        } catch (IOException e) {
            throw new MlciException("cannot serialise a fact about run " + runId + ": " + e.getMessage(), e);
        }
        return fact;
    }

    // ------------------------------------------------------------------ reading

    /** The run with this id, or the only run whose id starts with it. */
    public RunRecord get(String idOrPrefix) {
        return find(idOrPrefix).orElseThrow(() -> new InvalidInputException(idOrPrefix, null,
                "no such run in " + describe() + "; 'mlci runs list' shows the runs there"));
    }

    public Optional<RunRecord> find(String idOrPrefix) {
        if (RunIds.isValid(idOrPrefix)) {
            return read(idOrPrefix);
        }
        if (idOrPrefix.isEmpty() || !idOrPrefix.matches("[0-9a-f-]+")) {
            return Optional.empty();
        }
        List<String> matches = blobs.list("runs/" + idOrPrefix).stream().map(RunStore::idOfRecordKey)
                .filter(RunIds::isValid).toList();
        if (matches.size() > 1) {
            throw new InvalidInputException(idOrPrefix, null, "matches " + matches.size() + " runs; give more of the id");
        }
        return matches.isEmpty() ? Optional.empty() : read(matches.get(0));
    }

    private Optional<RunRecord> read(String id) {
        try (InputStream in = blobs.open(recordKey(id))) {
            return Optional.of(JSON.readValue(in, RunRecord.class));
        } catch (BlobNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new MlciException(describe() + ": run record " + recordKey(id) + " is unreadable: "
                    + io.mlci.core.json.JsonProblems.describe(e) + "; repair it or move it out of the store", e);
        }
    }

    /** The run's stored console log. */
    public InputStream openLog(String id) {
        return blobs.open(logKey(id));
    }

    /** Ids (and statuses) matching the query, newest first, without reading any record. */
    public List<RunRef> list(RunQuery query) {
        List<RunRef> refs;
        if (query.commit() != null) {
            refs = markers("index/commit/" + query.commit());
            if (query.branch() != null) {
                List<String> onBranch = markers("index/branch/" + encode(query.branch()) + "/").stream().map(RunRef::id).toList();
                refs = refs.stream().filter(ref -> onBranch.contains(ref.id())).toList();
            }
        } else if (query.branch() != null) {
            refs = markers("index/branch/" + encode(query.branch()) + "/");
        } else {
            refs = blobs.list("runs/").stream().map(RunStore::idOfRecordKey).filter(RunIds::isValid)
                    .map(id -> new RunRef(id, null)).toList();
        }
        List<RunRef> sorted = new ArrayList<>(refs);
        sorted.sort(Comparator.comparing(RunRef::id).reversed());
        List<RunRef> result = new ArrayList<>();
        for (RunRef ref : sorted) {
            if (query.status() != null) {
                RunStatus status = ref.status() != null ? ref.status() : get(ref.id()).status();
                if (status != query.status()) {
                    continue;
                }
            }
            result.add(ref);
            if (query.limit() > 0 && result.size() == query.limit()) {
                break;
            }
        }
        return result;
    }

    /** The records matching the query, newest first. An unreadable record is an error. */
    public List<RunRecord> records(RunQuery query) {
        return records(query, null);
    }

    /**
     * The records matching the query, newest first. With {@code unreadable}, a record that
     * cannot be read (truncated by a full disk, damaged by hand) does not hide the others: it is
     * left out and a message naming it is added there.
     */
    public List<RunRecord> records(RunQuery query, List<String> unreadable) {
        List<RunRecord> records = new ArrayList<>();
        // filter by status here, on the records read anyway, instead of reading them once in list() and again here
        for (RunRef ref : list(new RunQuery(query.branch(), query.commit(), null, 0))) {
            if (query.status() != null && ref.status() != null && ref.status() != query.status()) {
                continue;
            }
            Optional<RunRecord> read;
            try {
                read = read(ref.id());
            } catch (MlciException e) {
                if (unreadable == null) {
                    throw e;
                }
                unreadable.add(e.getMessage());
                continue;
            }
            if (read.isEmpty()) {
                continue;
            }
            RunRecord run = read.get();
            if (query.status() == null || run.status() == query.status()) {
                records.add(run);
                if (query.limit() > 0 && records.size() == query.limit()) {
                    break;
                }
            }
        }
        return records;
    }

    /**
     * The records matching the query in the store and in every pull request's own key space
     * ({@code pr/ID/}), newest first: for what reports count (cost, listings), never for a
     * baseline or the registry, which read only {@link #records}.
     */
    public List<RunRecord> recordsWithPullRequests(RunQuery query) {
        return recordsWithPullRequests(query, null);
    }

    /**
     * As {@link #recordsWithPullRequests(RunQuery)}; with {@code unreadable}, a damaged record is
     * left out and named there, as {@link #records(RunQuery, List)} does.
     */
    public List<RunRecord> recordsWithPullRequests(RunQuery query, List<String> unreadable) {
        List<RunRecord> all = new ArrayList<>(records(query, unreadable));
        for (String changeId : pullRequestIds()) {
            all.addAll(pullRequestRuns(changeId).records(query, unreadable));
        }
        List<RunRecord> merged = all.stream().distinct()
                .sorted(Comparator.comparing(RunRecord::id).reversed()).toList();
        return query.limit() > 0 && merged.size() > query.limit() ? merged.subList(0, query.limit()) : merged;
    }

    /**
     * Only what one pull request's builds wrote ({@code pr/ID/}): to find that pull request's runs.
     * Closing it does not close this store.
     */
    public RunStore pullRequestRuns(String changeId) {
        return new RunStore(new PrefixedBlobStore(trusted, PullRequestBlobStore.prefix(changeId)));
    }

    /**
     * This store when it holds the run, else the key space of the pull request whose build
     * recorded it ({@code pr/ID/}, listed only with {@code runs list --pr}): so that a run id
     * someone was given (from a build log, a report) can be shown and its log read. Never for a
     * baseline, the registry or a verdict, which read only this store's own runs.
     */
    public RunStore holding(String idOrPrefix) {
        if (find(idOrPrefix).isPresent()) {
            return this;
        }
        for (String changeId : pullRequestIds()) {
            RunStore pullRequest = pullRequestRuns(changeId);
            if (pullRequest.find(idOrPrefix).isPresent()) {
                return pullRequest;
            }
        }
        return this;
    }

    /** The pull requests whose builds wrote into this store. */
    private List<String> pullRequestIds() {
        return trusted.listFolders("pr/");
    }

    /** Every succeeded run with this key, newest first. */
    public List<RunRecord> succeededRuns(String runKey) {
        return succeeded(runKey).toList();
    }

    /** Read lazily: the newest is often all a caller needs. */
    private java.util.stream.Stream<RunRecord> succeeded(String runKey) {
        return markers("index/key/" + runKey + "/").stream()
                .filter(ref -> ref.status() == RunStatus.SUCCEEDED)
                .sorted(Comparator.comparing(RunRef::id).reversed())
                .map(ref -> read(ref.id()))
                .flatMap(Optional::stream);
    }

    /** The newest successful run with this key: the one a new training with the same inputs can reuse. */
    public Optional<RunRecord> newestSucceeded(String runKey) {
        return succeeded(runKey).findFirst();
    }

    /**
     * The newest run of the branch that succeeded (or reused a success) and whose latest gate
     * verdict, if any, is not "failed": the baseline a pull request into that branch is judged against.
     */
    public Optional<RunRecord> newestPassing(String branch) {
        return newestPassing(branch, null);
    }

    /** As {@link #newestPassing(String)}, counting only runs older than {@code before} (a run id) when given. */
    public Optional<RunRecord> newestPassing(String branch, String before) {
        return newestPassing(branch, before, run -> true);
    }

    /** As {@link #newestPassing(String, String)}, counting only the runs {@code accept} takes. */
    public Optional<RunRecord> newestPassing(String branch, String before, Predicate<RunRecord> accept) {
        for (RunRef ref : list(new RunQuery(branch, null, null, 0))) {
            if (before != null && ref.id().compareTo(before) >= 0) {
                continue;
            }
            if (ref.status() != null && ref.status().hasOutputs() && !gateFailed(ref.id())) {
                Optional<RunRecord> record = read(ref.id());
                if (record.isPresent() && accept.test(record.get())) {
                    return record;
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the run can be a baseline: it has outputs and its latest gate verdict, if any, is not "failed". */
    public boolean isPassing(RunRecord run) {
        return run.status().hasOutputs() && !gateFailed(run.id());
    }

    private boolean gateFailed(String runId) {
        return latestFact(runId, "gate").map(fact -> "failed".equals(fact.body().path("verdict").asText()))
                .orElse(false);
    }

    /** Every fact of a kind about a run, oldest first. */
    public List<Fact> facts(String runId, String kind) {
        List<String> keys = new ArrayList<>(blobs.list("facts/" + runId + "/" + kind + "/"));
        keys.sort(Comparator.comparing(RunStore::factOrder));
        List<Fact> facts = new ArrayList<>();
        for (String key : keys) {
            try (InputStream in = blobs.open(key)) {
                facts.add(JSON.readValue(in, Fact.class));
            } catch (IOException e) {
                throw new MlciException(describe() + ": fact " + key + " is unreadable: " + io.mlci.core.json.JsonProblems.describe(e), e);
            }
        }
        return facts;
    }

    public Optional<Fact> latestFact(String runId, String kind) {
        List<Fact> facts = facts(runId, kind);
        return facts.isEmpty() ? Optional.empty() : Optional.of(facts.get(facts.size() - 1));
    }

    /**
     * The newest fact of a kind for every run that has one, from one listing of the store (a
     * dashboard of thousands of runs must not ask once per run).
     */
    public Map<String, Fact> latestFacts(String kind) {
        Map<String, String> newest = new LinkedHashMap<>();
        String marker = "/" + kind + "/";
        for (String key : blobs.list("facts/")) {
            int at = key.indexOf(marker);
            if (at < 0) {
                continue;
            }
            String runId = key.substring("facts/".length(), at);
            String current = newest.get(runId);
            if (current == null || factOrder(key) > factOrder(current)) {
                newest.put(runId, key);
            }
        }
        Map<String, Fact> facts = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : newest.entrySet()) {
            try (InputStream in = blobs.open(entry.getValue())) {
                facts.put(entry.getKey(), JSON.readValue(in, Fact.class));
            } catch (IOException e) {
                throw new MlciException(describe() + ": fact " + entry.getValue() + " is unreadable: " + io.mlci.core.json.JsonProblems.describe(e), e);
            }
        }
        return facts;
    }

    private static long factOrder(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return Long.parseLong(name.substring(0, name.indexOf('-')));
    }

    private List<RunRef> markers(String prefix) {
        Map<String, RunRef> refs = new LinkedHashMap<>();
        for (String key : blobs.list(prefix)) {
            String name = key.substring(key.lastIndexOf('/') + 1);
            int dot = name.indexOf('.');
            if (dot > 0 && RunIds.isValid(name.substring(0, dot))) {
                try {
                    refs.put(name.substring(0, dot), new RunRef(name.substring(0, dot), RunStatus.parse(name.substring(dot + 1))));
                } catch (IllegalArgumentException e) {
                    // a marker written by a newer mlci with a status this one does not know: skip it
                }
            }
        }
        return new ArrayList<>(refs.values());
    }

    // ------------------------------------------------------------------ encoding

    public static byte[] toJson(RunRecord record) {
        try {
            return JSON.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new MlciException("cannot serialise run " + record.id() + ": " + e.getMessage(), e);
        }
    }

    public static RunRecord fromJson(byte[] json) {
        try {
            return JSON.readValue(json, RunRecord.class);
        } catch (IOException e) {
            throw new MlciException("not a run record: " + e.getMessage(), e);
        }
    }

    static String recordKey(String id) {
        return "runs/" + id + ".json";
    }

    static String logKey(String id) {
        return "logs/" + id + ".log";
    }

    private static String idOfRecordKey(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : "";
    }

    /** Branch names hold '/', which must not become key segments. */
    static String encode(String branch) {
        return URLEncoder.encode(branch, StandardCharsets.UTF_8);
    }


    @Override
    public void close() {
        blobs.close();
    }
}
