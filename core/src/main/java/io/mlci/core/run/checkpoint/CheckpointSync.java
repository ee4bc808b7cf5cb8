package io.mlci.core.run.checkpoint;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlci.core.json.ParserLimits;
import io.mlci.core.IntegrityException;
import io.mlci.core.MlciException;
import io.mlci.core.data.cache.ObjectCache;
import io.mlci.core.data.hash.HashAlgorithm;
import io.mlci.core.data.hash.ObjectId;
import io.mlci.core.data.pointer.RepoPaths;
import io.mlci.core.data.transfer.Transfer;
import io.mlci.core.storage.AtomicFiles;
import io.mlci.core.storage.BlobNotFoundException;
import io.mlci.core.storage.BlobStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Keeps a training's checkpoint directory on the remote while it runs, so that a training that
 * dies with its machine (a reclaimed spot instance) resumes on the next one instead of starting
 * over. Files go to the remote as content-addressed objects (unchanged checkpoints are not sent
 * again); a manifest, replaced atomically after the objects it names are uploaded, says which
 * files make up the latest state. Checkpoints are keyed by run key: only a training with the same
 * inputs resumes from them.
 */
public final class CheckpointSync implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper(ParserLimits.jsonFactory(ParserLimits.DOCUMENT_BYTES)).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final String MANIFEST = "manifest.json";
    /** Appended to the run key in the owner file once the training succeeded: its checkpoints are final. */
    private static final String FINISHED = " finished";

    private final Path root;
    private final Path dir;
    private final ObjectCache cache;
    private final Transfer transfer;
    private final BlobStore manifests;
    private final Duration interval;
    private final Consumer<String> log;
    private final Map<String, String> uploaded = new LinkedHashMap<>();
    private final String runKey;
    private final Path ownerFile;
    private ScheduledExecutorService timer;
    private java.util.function.BooleanSupplier mayWrite = () -> true;

    /**
     * @param dir       the checkpoint directory in the workspace
     * @param runKey    the training's run key: checkpoints belong to one set of inputs
     * @param transfer  moves objects between the local cache and the artifact remote
     * @param manifests where this run key's manifest lives
     * @param log       receives one line per restore and upload
     */
    public CheckpointSync(Path root, Path dir, String runKey, ObjectCache cache, Transfer transfer, BlobStore manifests,
                          Duration interval, Consumer<String> log) {
        this.root = root;
        this.runKey = runKey;
        this.ownerFile = root.resolve(".mlci").resolve("tmp").resolve("checkpoint-owner");
        this.dir = dir;
        this.cache = cache;
        this.transfer = transfer;
        this.manifests = manifests;
        this.interval = interval;
        this.log = log;
    }

    /**
     * Fills an empty checkpoint directory from the latest unfinished manifest. A directory that
     * already has files is left alone: the training on this machine is further along than anything
     * on the remote could be. Returns how many files were restored.
     */
    public int restore() {
        discardIfFromAnotherTraining(false);
        Optional<CheckpointManifest> manifest = readManifest();
        if (manifest.isEmpty() || manifest.get().complete() || manifest.get().files().isEmpty()) {
            return 0;
        }
        if (hasFiles()) {
            log.accept("checkpoints: " + relative() + " already has files; keeping them instead of the remote's");
            return 0;
        }
        List<ObjectId> ids = manifest.get().files().stream().map(e -> new ObjectId(e.md5(), HashAlgorithm.MD5)).toList();
        transfer.fetch(ids, "restoring checkpoints");
        try {
            for (CheckpointManifest.Entry entry : manifest.get().files()) {
                Path target = RepoPaths.resolveInside(root, dir, entry.path(), dir, "checkpoint manifest");
                Files.createDirectories(target.getParent());
                try (InputStream in = Files.newInputStream(cache.requireVerified(new ObjectId(entry.md5(), HashAlgorithm.MD5)))) {
                    AtomicFiles.write(target, in);
                }
                uploaded.put(entry.path(), entry.md5());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore checkpoints into " + dir, e);
        }
        log.accept("checkpoints: restored " + manifest.get().files().size() + " file(s) into " + relative()
                + " from " + manifest.get().updatedAt() + "; the training resumes from there");
        return manifest.get().files().size();
    }

    /**
     * For a forced training: starts from the first epoch. The checkpoints in the workspace and
     * on the remote (even those of an unfinished training with the same inputs) are not resumed
     * from; the directory is emptied and the remote's manifest is replaced by this training's.
     */
    public void startFresh() {
        discardIfFromAnotherTraining(true);
        if (hasFiles()) {
            log.accept("checkpoints: --force: removing the checkpoints in " + relative() + "; training from the start");
            try {
                io.mlci.core.storage.FileTrees.delete(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot empty the checkpoint directory " + dir, e);
            }
        }
    }

    /**
     * Checkpoints left in the workspace by a training with other inputs (other params, other
     * data) must not be resumed from: they would silently continue the wrong model. The owner is
     * noted in mlci's state, not in the user's directory. Neither must the last checkpoint of a
     * finished training with the same inputs (a forced training empties the directory itself).
     */
    private void discardIfFromAnotherTraining(boolean forced) {
        try {
            String owner = Files.exists(ownerFile) ? Files.readString(ownerFile).trim() : null;
            boolean finished = (runKey + FINISHED).equals(owner);
            if (!forced && hasFiles() && finished) {
                // resuming from a finished training's last epoch would train nothing and record
                // the earlier training's model as this run's (another store, outputs that could
                // not be restored: no record of it to reuse here)
                log.accept("checkpoints: " + relative() + " holds the last checkpoint of a finished training with these "
                        + "inputs; starting from the first epoch without it");
                io.mlci.core.storage.FileTrees.delete(dir);
            } else if (hasFiles() && !finished && !runKey.equals(owner)) {
                log.accept("checkpoints: " + relative() + " holds checkpoints of another training; starting without them");
                io.mlci.core.storage.FileTrees.delete(dir);
            }
            writeOwner(runKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the checkpoint directory " + dir, e);
        }
    }

    private void writeOwner(String owner) throws IOException {
        Files.createDirectories(ownerFile.getParent());
        AtomicFiles.write(ownerFile, owner.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Writes the manifest only while {@code mayWrite} says so: the run key's lease is still this
     * training's (another training of the same key took it over when this one stopped renewing).
     */
    public CheckpointSync writingWhile(java.util.function.BooleanSupplier mayWrite) {
        this.mayWrite = mayWrite;
        return this;
    }

    /** Starts uploading every interval in the background. */
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mlci-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(this::syncQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the background uploads and uploads once more. After a success the manifest is
     * marked complete and the workspace's checkpoints are noted as final, so a later training
     * with the same inputs (forced, or in another store) starts fresh instead of resuming.
     */
    public void finish(boolean succeeded) {
        stopTimer();
        syncQuietly();
        if (succeeded) {
            writeManifest(currentEntries(), true);
            try {
                writeOwner(runKey + FINISHED);
            } catch (IOException e) {
                // the run is recorded either way; only a later training of these inputs may resume
                log.accept("checkpoints: cannot note in " + ownerFile + " that the training finished (" + e.getMessage()
                        + "); remove " + relative() + " before training these inputs again");
            }
        }
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (MlciException | UncheckedIOException e) {
            log.accept("checkpoints: upload skipped this round: " + e.getMessage());
        }
    }

    /** Uploads what changed since the last round; returns the number of files uploaded. */
    public synchronized int sync() {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        Map<String, String> now = new LinkedHashMap<>();
        List<CheckpointManifest.Entry> entries = new ArrayList<>();
        List<ObjectId> changed = new ArrayList<>();
        for (Path file : files()) {
            String relpath = RepoPaths.posix(dir, file);
            try {
                String md5 = io.mlci.core.data.hash.FileHasher.md5Of(file);
                ObjectId id = new ObjectId(md5, HashAlgorithm.MD5);
                cache.addFile(file, id);
                entries.add(new CheckpointManifest.Entry(relpath, md5, Files.size(cache.pathOf(id))));
                now.put(relpath, md5);
                if (!md5.equals(uploaded.get(relpath))) {
                    changed.add(id);
                }
            } catch (IntegrityException | IOException | UncheckedIOException e) {
                // being written right now: the next round takes it; keep the last good version
                String previous = uploaded.get(relpath);
                if (previous != null) {
                    now.put(relpath, previous);
                    entries.add(new CheckpointManifest.Entry(relpath, previous, -1));
                }
            }
        }
        if (changed.isEmpty() && now.equals(uploaded)) {
            return 0;
        }
        transfer.upload(changed, List.of(), "uploading checkpoints");
        writeManifest(entries, false);
        uploaded.clear();
        uploaded.putAll(now);
        log.accept("checkpoints: uploaded " + changed.size() + " changed file(s) of " + entries.size() + " in " + relative());
        return changed.size();
    }

    private List<CheckpointManifest.Entry> currentEntries() {
        return uploaded.entrySet().stream().map(e -> new CheckpointManifest.Entry(e.getKey(), e.getValue(), -1)).toList();
    }

    private List<Path> files() {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> !AtomicFiles.isTemp(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private boolean hasFiles() {
        return Files.isDirectory(dir) && !files().isEmpty();
    }

    private Optional<CheckpointManifest> readManifest() {
        try (InputStream in = manifests.open(MANIFEST)) {
            return Optional.of(JSON.readValue(in, CheckpointManifest.class));
        } catch (BlobNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            log.accept("checkpoints: ignoring an unreadable manifest in " + manifests.describe() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private void writeManifest(List<CheckpointManifest.Entry> entries, boolean complete) {
        if (!mayWrite.getAsBoolean()) {
            return;
        }
        try {
            manifests.put(MANIFEST, JSON.writeValueAsBytes(new CheckpointManifest(entries, complete, Instant.now().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint manifest", e);
        }
    }

    private String relative() {
        return RepoPaths.posix(root, dir);
    }

    private void stopTimer() {
        ScheduledExecutorService current;
        synchronized (this) {
            current = timer;
            timer = null;
        }
        if (current != null) {
            current.shutdown();
            try {
                current.awaitTermination(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stopTimer();
    }
}
