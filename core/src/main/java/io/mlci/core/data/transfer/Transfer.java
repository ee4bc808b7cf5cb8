package io.mlci.core.data.transfer;

import io.mlci.core.MlciException;
import io.mlci.core.data.Parallel;
import io.mlci.core.data.cache.ObjectCache;
import io.mlci.core.data.hash.ObjectId;
import io.mlci.core.progress.ProgressListener;
import io.mlci.core.storage.BlobNotFoundException;
import io.mlci.core.storage.BlobStore;
import io.mlci.core.storage.RetryPolicy;
import io.mlci.core.storage.RetryingBlobStore;

import java.io.InputStream;
import java.io.IOException;
import java.time.Duration;
import io.mlci.core.storage.Timeouts;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves objects between the local cache and a remote, in parallel. Downloads are verified before
 * they enter the cache, and a failed or damaged download is retried as a whole with backoff.
 */
public final class Transfer {

    /** Above this many objects, existence is checked by listing shards instead of one HEAD each. */
    private static final int LIST_THRESHOLD = 256;

    private final ObjectCache cache;
    private final BlobStore remote;
    private final BlobStore retrying;
    private final RetryPolicy retry;
    private final int jobs;
    private final ProgressListener progress;
    private final ObjectDeadline deadline;

    public Transfer(ObjectCache cache, BlobStore remote, RetryPolicy retry, int jobs, ProgressListener progress) {
        this(cache, remote, retry, jobs, progress, Timeouts.DEFAULT.perObject());
    }

    /** @param perObject how long one object's download may take in all, however slowly the bytes come */
    public Transfer(ObjectCache cache, BlobStore remote, RetryPolicy retry, int jobs, ProgressListener progress,
                    Duration perObject) {
        this.deadline = new ObjectDeadline(perObject);
        this.cache = cache;
        this.remote = remote;
        this.retry = retry;
        this.retrying = new RetryingBlobStore(remote, retry, progress);
        this.jobs = jobs;
        this.progress = progress;
    }

    /** Downloads the objects that are not (intact) in the cache. */
    public TransferStats fetch(Collection<ObjectId> ids, String phase) {
        return fetch(ids, phase, null);
    }

    /**
     * As {@link #fetch(Collection, String)}; with a {@code notOnRemote} set, objects the remote
     * does not have are collected there instead of failing the fetch ({@code pull --allow-missing}).
     */
    public TransferStats fetch(Collection<ObjectId> ids, String phase, Set<ObjectId> notOnRemote) {
        List<ObjectId> missing = new ArrayList<>();
        Set<ObjectId> unique = new LinkedHashSet<>(ids);
        Parallel.forEach("checking cache", new ArrayList<>(unique), jobs, id -> {
            if (!cache.containsVerified(id)) {
                synchronized (missing) {
                    missing.add(id);
                }
            }
        });
        AtomicLong bytes = new AtomicLong();
        progress.begin(phase, missing.size(), -1);
        try {
            Parallel.forEach(phase, missing, jobs, id -> {
                long size;
                try {
                    size = retry.call("download of " + id, progress, () -> download(id));
                } catch (BlobNotFoundException e) {
                    if (notOnRemote == null) {
                        throw e;
                    }
                    notOnRemote.add(id);
                    size = 0;
                }
                bytes.addAndGet(size);
                progress.advance(1, size);
            });
        } finally {
            progress.end();
        }
        int skipped = notOnRemote == null ? 0 : notOnRemote.size();
        return new TransferStats(missing.size() - skipped, bytes.get(), unique.size() - missing.size());
    }

    private long download(ObjectId id) throws IOException {
        try (InputStream in = remote.open(RemoteLayout.keyOf(id)); ObjectDeadline.Watch watch = deadline.watch(in)) {
            try {
                return cache.addStream(in, id);
            } catch (IOException | RuntimeException e) {
                throw watch.failure(remote.describe(), id, e);
            }
        }
    }

    /**
     * Uploads the objects the remote lacks. {@code listings} go last, so a remote never holds a
     * directory listing whose files are not all there yet.
     */
    public TransferStats upload(Collection<ObjectId> files, Collection<ObjectId> listings, String phase) {
        return upload(files, listings, phase, false);
    }

    /**
     * As {@link #upload(Collection, Collection, String)}; with {@code verify}, objects the remote
     * already has are read back and re-hashed, and those whose bytes no longer match their name
     * are uploaded again from the (verified) cache.
     */
    public TransferStats upload(Collection<ObjectId> files, Collection<ObjectId> listings, String phase, boolean verify) {
        if (!remote.isWritable()) {
            throw new MlciException(remote.describe() + " is read-only; choose another remote with --remote");
        }
        Set<ObjectId> all = new LinkedHashSet<>(files);
        all.addAll(listings);
        for (ObjectId id : all) {
            cache.requireVerified(id);
        }
        Set<ObjectId> present = presentOnRemote(all);
        if (verify) {
            for (ObjectId id : corruptOnRemote(present)) {
                progress.note(remote.describe() + ": object " + id + " is corrupt on the remote; uploading it again");
                present.remove(id);
            }
        }
        List<ObjectId> fileUploads = new ArrayList<>();
        List<ObjectId> listingUploads = new ArrayList<>();
        for (ObjectId id : all) {
            if (!present.contains(id)) {
                (listings.contains(id) ? listingUploads : fileUploads).add(id);
            }
        }
        AtomicLong bytes = new AtomicLong();
        progress.begin(phase, fileUploads.size() + listingUploads.size(), -1);
        try {
            for (List<ObjectId> batch : List.of(fileUploads, listingUploads)) {
                Parallel.forEach(phase, batch, jobs, id -> {
                    long size = Files.size(cache.pathOf(id));
                    retrying.put(RemoteLayout.keyOf(id), cache.pathOf(id));
                    bytes.addAndGet(size);
                    progress.advance(1, size);
                });
            }
        } finally {
            progress.end();
        }
        return new TransferStats(fileUploads.size() + listingUploads.size(), bytes.get(), present.size());
    }

    /** Which of the objects (all present on the remote) hold bytes that do not hash to their name. */
    public Set<ObjectId> corruptOnRemote(Collection<ObjectId> ids) {
        Set<ObjectId> corrupt = ConcurrentHashMap.newKeySet();
        progress.begin("re-hashing remote objects", ids.size(), -1);
        try {
            Parallel.forEach("re-hashing remote objects", new ArrayList<>(ids), jobs, id -> {
                boolean intact = retry.call("read of " + id, progress, () -> {
                    try (InputStream in = remote.open(RemoteLayout.keyOf(id))) {
                        return cache.matches(in, id);
                    }
                });
                if (!intact) {
                    corrupt.add(id);
                }
                progress.advance(1, 0);
            });
        } finally {
            progress.end();
        }
        return corrupt;
    }

    /** Which of the objects the remote already has. */
    public Set<ObjectId> presentOnRemote(Collection<ObjectId> ids) {
        Set<ObjectId> present = ConcurrentHashMap.newKeySet();
        boolean canList = remote.isWritable();
        if (ids.size() > LIST_THRESHOLD && canList) {
            Map<String, List<ObjectId>> byShard = new ConcurrentHashMap<>();
            for (ObjectId id : ids) {
                byShard.computeIfAbsent(RemoteLayout.shardPrefix(id), k -> new ArrayList<>()).add(id);
            }
            Parallel.forEach("listing remote", new ArrayList<>(byShard.keySet()), jobs, shard -> {
                Set<String> keys = new HashSet<>(retrying.list(shard));
                for (ObjectId id : byShard.get(shard)) {
                    if (keys.contains(RemoteLayout.keyOf(id))) {
                        present.add(id);
                    }
                }
            });
        } else {
            Parallel.forEach("checking remote", new ArrayList<>(ids), jobs, id -> {
                if (retrying.exists(RemoteLayout.keyOf(id))) {
                    present.add(id);
                }
            });
        }
        return present;
    }
}
