package io.mlci.core.data.workspace;

import io.mlci.core.InvalidInputException;
import io.mlci.core.data.cache.ObjectCache;
import io.mlci.core.data.cache.StatCache;
import io.mlci.core.data.cache.TreeCache;
import io.mlci.core.data.hash.DirEntry;
import io.mlci.core.data.hash.DirListing;
import io.mlci.core.data.hash.HashAlgorithm;
import io.mlci.core.data.hash.ObjectId;
import io.mlci.core.data.lineage.PointerHistory;
import io.mlci.core.data.lineage.RefPointers;
import io.mlci.core.data.pointer.DvcConfig;
import io.mlci.core.data.pointer.DvcFileWriter;
import io.mlci.core.data.pointer.DvcIgnore;
import io.mlci.core.data.pointer.Output;
import io.mlci.core.data.pointer.Overlaps;
import io.mlci.core.data.pointer.PointerScanner;
import io.mlci.core.data.pointer.PointerUpdate;
import io.mlci.core.data.pointer.RemoteConfig;
import io.mlci.core.data.pointer.RepoPaths;
import io.mlci.core.data.pointer.TrackedOutput;
import io.mlci.core.data.transfer.Transfer;
import io.mlci.core.data.transfer.TransferStats;
import io.mlci.core.progress.ProgressListener;
import io.mlci.core.storage.WorkspacePaths;
import io.mlci.core.storage.AtomicFiles;
import io.mlci.core.storage.BlobStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The data side of a repository: its pointers, its cache and its remotes. This is the API the
 * CLI's {@code mlci data} commands and the Jenkins {@code mlData} step call.
 *
 * <p>Not thread-safe; one instance per operation. {@link #close()} persists the stat cache.
 */
public final class DataWorkspace implements AutoCloseable {

    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /**
     * Two threads per core: with the cache's objects on disk, placing files waits on reads and
     * more threads than cores pay off; with them in memory every thread is busy in the kernel, and
     * more threads only add compiling and switching. Measured on 2 cores, 100,000 files: a cold
     * cache 4.0-4.3 s with 2 threads, 3.2-3.3 s with 4, 3.4-4.0 s with 8; a warm one 2.2-2.6 s,
     * 2.3-2.6 s and 2.4-2.9 s.
     */
    private static final int CHECKOUT_THREADS = 2 * CORES;

    private final Path root;
    private final Path dvcDir;
    private final DataOptions options;
    private final DvcConfig config;
    private final DvcIgnore ignore;
    private final StatCache statCache;
    private final TreeCache treeCache;
    private final ObjectCache cache;
    private final WorkspaceHasher hasher;
    private final ProgressListener progress;
    /** True for read-only commands: remembered hashes are used but nothing is written back. */
    private final boolean readOnly;

    private DataWorkspace(Path root, DataOptions options, boolean readOnly) {
        this.root = root;
        this.readOnly = readOnly;
        this.dvcDir = root.resolve(".dvc");
        this.options = options;
        this.progress = options.progress();
        this.config = DvcConfig.load(dvcDir);
        this.ignore = DvcIgnore.load(root);
        Path state = dvcDir.resolve("tmp").resolve("mlci");
        this.statCache = readOnly ? StatCache.loadReadOnly(state.resolve("stat-cache-v3"))
                : StatCache.load(state.resolve("stat-cache-v3"));
        this.treeCache = readOnly ? TreeCache.loadReadOnly(state.resolve("tree-cache"))
                : TreeCache.load(state.resolve("tree-cache"));
        Path cacheDir = cacheDir();
        WorkspacePaths workspace = new WorkspacePaths(root);
        if (workspace.contains(cacheDir)) {
            // a .dvc/cache (or .dvc) replaced by a link would take every fetched object outside the repository
            workspace.checkDirectory(cacheDir);
        }
        workspace.checkDirectory(state);
        this.cache = new ObjectCache(cacheDir, statCache, progress);
        this.hasher = new WorkspaceHasher(root, statCache, treeCache, ignore, hashJobs(), progress);
    }

    /** Opens the repository at {@code root} (the directory holding {@code .dvc/} or {@code .git/}). */
    public static DataWorkspace open(Path root, DataOptions options) {
        return new DataWorkspace(requireDirectory(root), options, false);
    }

    /**
     * Opens the repository for reading only ({@code mlci data hash}): remembered hashes speed it
     * up, but nothing is written — no {@code .dvc/tmp}, no {@code .dvc/}, no cache object.
     */
    public static DataWorkspace openReadOnly(Path root, DataOptions options) {
        return new DataWorkspace(requireDirectory(root), options, true);
    }

    private static Path requireDirectory(Path root) {
        Path normalised = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(normalised)) {
            throw new InvalidInputException(normalised.toString(), null, "is not a directory");
        }
        return normalised;
    }

    /** The nearest directory at or above {@code start} that has {@code .dvc/}, else {@code .git/}, else start. */
    public static Path findRoot(Path start) {
        Path absolute = start.toAbsolutePath().normalize();
        for (String marker : new String[] {".dvc", ".git"}) {
            for (Path dir = absolute; dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve(marker))) {
                    return dir;
                }
            }
        }
        return absolute;
    }

    public Path root() {
        return root;
    }

    public ObjectCache cache() {
        return cache;
    }

    private Path cacheDir() {
        if (options.cacheDir() != null) {
            return options.cacheDir().toAbsolutePath().normalize();
        }
        return config.get("cache", "dir").map(dir -> dvcDir.resolve(dir).normalize()).orElse(dvcDir.resolve("cache"));
    }

    /**
     * Hashing is CPU-bound on warm data and read-bound on cold data, where a cloud disk serves
     * many small reads at once far faster than a few: four threads per core keep its queue full
     * (cold 10,000 files + 1 GiB: 4.7 s with two per core, 4.3 s with four; bench/data_benchmark.py).
     */
    private int hashJobs() {
        return options.hashJobs() != null ? Math.max(1, options.hashJobs()) : 4 * CORES;
    }

    private List<LinkType> linkTypes() {
        if (options.linkTypes() != null) {
            return options.linkTypes();
        }
        return config.get("cache", "type")
                .map(value -> LinkType.parseList(value, dvcDir.resolve("config").toString()))
                .orElse(LinkType.DVC_DEFAULT);
    }

    // ---------------------------------------------------------------- pointers

    /**
     * The tracked outputs, optionally narrowed to targets: a pointer file ({@code data.dvc},
     * {@code dvc.lock}), a stage ({@code dvc.lock:train}) or a tracked path ({@code data}).
     */
    public List<TrackedOutput> outputs(List<String> targets) {
        List<TrackedOutput> all = PointerScanner.scan(root, ignore);
        if (targets == null || targets.isEmpty()) {
            return all;
        }
        List<TrackedOutput> selected = new ArrayList<>();
        for (String target : targets) {
            List<TrackedOutput> matches = all.stream().filter(t -> matches(t, target)).toList();
            if (matches.isEmpty()) {
                throw new InvalidInputException(target, null, "is not a pointer file, stage or tracked path of "
                        + root + "; 'mlci data status' lists what is tracked");
            }
            matches.stream().filter(m -> !selected.contains(m)).forEach(selected::add);
        }
        return selected;
    }

    /**
     * The tracked paths matching glob patterns ({@code --glob}, e.g. {@code data/*} or
     * {@code **}{@code /*.csv}), each once, in scan order; a pattern that matches nothing is an error.
     */
    public List<String> expandGlobs(List<String> patterns) {
        List<TrackedOutput> all = PointerScanner.scan(root, ignore);
        Set<String> matched = new LinkedHashSet<>();
        for (String pattern : patterns) {
            java.nio.file.PathMatcher matcher = java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            List<String> hits = all.stream().filter(t -> t.role() == TrackedOutput.Role.OUT)
                    .map(t -> t.output().workspacePath()).filter(p -> matcher.matches(Path.of(p))).toList();
            if (hits.isEmpty()) {
                throw new InvalidInputException(pattern, null, "matches no tracked path; 'mlci data status' lists them");
            }
            matched.addAll(hits);
        }
        return new ArrayList<>(matched);
    }

    private boolean matches(TrackedOutput tracked, String target) {
        String normal = normalise(target);
        return tracked.pointer().equals(normal) || tracked.source().equals(normal)
                || tracked.output().workspacePath().equals(normal);
    }

    private String normalise(String target) {
        String stage = null;
        String path = target;
        int colon = target.lastIndexOf(':');
        if (colon > 0 && target.substring(0, colon).endsWith("dvc.lock")) {
            stage = target.substring(colon + 1);
            path = target.substring(0, colon);
        }
        Path absolute = root.resolve(path).toAbsolutePath().normalize();
        String relative = absolute.startsWith(root) ? RepoPaths.posix(root, absolute) : path;
        return stage == null ? relative : relative + ":" + stage;
    }

    // ---------------------------------------------------------------- add / hash

    /** Hashes a path as DVC would, without changing anything. */
    public WorkspaceHasher.Hashed hash(Path path) {
        return hasher.hash(path.toAbsolutePath().normalize(), HashAlgorithm.MD5);
    }

    /**
     * Tracks a file or directory: stores its content in the cache, writes {@code PATH.dvc} as
     * {@code dvc add} does and lists the path in the sibling {@code .gitignore}.
     */
    public AddedOutput add(Path path) {
        requireWritable();
        AddTarget target = addTarget(path);
        Path resolved = target.resolved();
        String name = resolved.getFileName().toString();
        String workspacePath = target.workspacePath();
        Path pointer = target.pointer();
        requireUntrackedByGit(List.of(resolved));
        ensureDvcDir();
        cache.cleanStaleTemporaries();
        WorkspaceHasher.Hashed hashed = hasher.hashWithListing(resolved, HashAlgorithm.MD5);
        ObjectId id;
        if (hashed.isDirectory()) {
            storeDirectoryContent(resolved, hashed.listing());
            id = cache.addListing(hashed.listing(), HashAlgorithm.MD5);
        } else {
            id = new ObjectId(hashed.hash(), HashAlgorithm.MD5);
            cache.addFile(resolved, id);
        }
        Output output = new Output(name, workspacePath, id, hashed.size(), hashed.nfiles(),
                hashed.executable(), true, true, null);
        // Only the pointer write holds the workspace: hashing and caching a large directory above
        // must not make a pull or checkout of other paths wait. What was checked before hashing
        // is checked again here, since another command may have written the pointer meanwhile.
        try (WorkspaceLock lock = lockWorkspace()) {
            String content;
            if (Files.exists(pointer)) {
                PointerUpdate.requireAddable(root, pointer, workspacePath);
                content = PointerUpdate.of(root, pointer, output);
            } else {
                content = DvcFileWriter.write(output);
            }
            AtomicFiles.removeStaleTemporaries(pointer.getParent());
            AtomicFiles.write(pointer, content.getBytes(StandardCharsets.UTF_8));
            GitIgnores.ensureListed(root, resolved);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + pointer, e);
        }
        return new AddedOutput(pointer, output);
    }

    /**
     * Checks every path as {@link #add} will, before any of them is added: a command adding several
     * paths adds none when one is outside the repository, missing, tracked by git, annotated by a
     * pointer it cannot update, or overlapping an output (tracked already, or another of the paths).
     */
    public void requireAddable(List<Path> paths) {
        requireWritable();
        List<AddTarget> targets = paths.stream().map(this::addTarget).toList();
        for (int i = 0; i < targets.size(); i++) {
            for (int j = 0; j < i; j++) {
                String one = targets.get(j).workspacePath();
                String other = targets.get(i).workspacePath();
                if (one.equals(other) || one.startsWith(other + "/") || other.startsWith(one + "/")) {
                    throw new InvalidInputException(paths.get(i).toString(), null, "overlaps " + one
                            + ", also given: outputs must not contain one another (DVC refuses them too); add one "
                            + "or the other. Nothing was changed.");
                }
            }
        }
        requireUntrackedByGit(paths);
    }

    /** A path to add, checked against the repository and the pointers already there. */
    private record AddTarget(Path resolved, String workspacePath, Path pointer) {
    }

    private AddTarget addTarget(Path path) {
        Path absolute = root.resolve(path).toAbsolutePath().normalize();
        if (absolute.equals(root) || !absolute.startsWith(root)) {
            throw new InvalidInputException(path.toString(), null, "is not inside the repository " + root
                    + "; track a file or directory below it");
        }
        Path resolved = RepoPaths.resolveInside(root, root, RepoPaths.posix(root, absolute), absolute, null);
        if (!Files.exists(resolved)) {
            throw new InvalidInputException(path.toString(), null, "does not exist");
        }
        String workspacePath = RepoPaths.posix(root, resolved);
        Path pointer = resolved.resolveSibling(resolved.getFileName().toString() + ".dvc");
        if (Files.exists(pointer)) {
            PointerUpdate.requireAddable(root, pointer, workspacePath);
        }
        Overlaps.requireNone(root, ignore, workspacePath, RepoPaths.posix(root, pointer));
        return new AddTarget(resolved, workspacePath, pointer);
    }

    /**
     * Refuses paths git already tracks, as {@code dvc add} does: a .gitignore entry would not stop
     * git tracking them. A command adding several paths asks for all of them first, so that none
     * is added when one is refused.
     */
    private void requireUntrackedByGit(List<Path> paths) {
        List<String> inside = new ArrayList<>();
        for (Path path : paths) {
            Path absolute = root.resolve(path).toAbsolutePath().normalize();
            if (absolute.startsWith(root) && !absolute.equals(root)) {
                inside.add(RepoPaths.posix(root, absolute));
            }
        }
        List<String> tracked = GitPaths.tracked(root, inside);
        if (!tracked.isEmpty()) {
            throw new InvalidInputException(root.resolve(tracked.get(0)).toString(), null,
                    GitPaths.trackedAdvice(tracked.get(0)));
        }
    }

    private void requireWritable() {
        if (readOnly) {
            throw new IllegalStateException("this workspace was opened read-only");
        }
    }

    private void storeDirectoryContent(Path dir, DirListing listing) {
        progress.begin("caching " + RepoPaths.posix(root, dir), listing.entries().size(), listing.totalSize());
        try {
            io.mlci.core.data.Parallel.forEach("caching", listing.entries(), hashJobs(), entry -> {
                cache.addFile(dir.resolve(entry.relpath()), new ObjectId(entry.md5(), HashAlgorithm.MD5));
                progress.advance(1, Math.max(0, entry.size()));
            });
        } finally {
            progress.end();
        }
    }

    private void ensureDvcDir() {
        try {
            io.mlci.core.data.pointer.DvcDirectory.ensure(dvcDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dvcDir, e);
        }
    }

    // ---------------------------------------------------------------- status / verify

    public List<OutputStatus> status(List<String> targets) {
        List<TrackedOutput> tracked = outputs(targets);
        try (PointerHistory history = PointerHistory.open(root)) {
            return new StatusCheck(root, cache, hasher, history).check(tracked);
        }
    }

    /**
     * The workspace state alone, without the commit that last changed each pointer: reading git
     * history costs more than the rest on a fresh process, and deciding whether to train must be fast.
     */
    public List<OutputStatus> workspaceStatus(List<String> targets) {
        return new StatusCheck(root, cache, hasher, PointerHistory.none()).check(outputs(targets));
    }

    /** Re-hashes everything named by the pointers, trusting no cached hash. */
    public List<VerifyProblem> verify(List<String> targets) {
        StatCache fresh = StatCache.inMemory();
        ObjectCache strictCache = new ObjectCache(cacheDir(), fresh, progress);
        WorkspaceHasher strictHasher = new WorkspaceHasher(root, fresh, TreeCache.inMemory(), ignore, hashJobs(), progress);
        try (PointerHistory history = PointerHistory.open(root)) {
            return new Verification(root, strictCache, strictHasher, history).run(outputs(targets));
        }
    }

    // ---------------------------------------------------------------- push / pull

    public TransferStats push(String remoteName, List<String> targets) {
        return push(remoteName, targets, false);
    }

    /** With {@code verify}, objects already on the remote are re-hashed there and uploaded again if corrupt. */
    public TransferStats push(String remoteName, List<String> targets, boolean verify) {
        TransferStats total = TransferStats.NONE;
        for (Map.Entry<String, List<Output>> group : byRemote(remoteName, outputs(targets), true).entrySet()) {
            RemoteConfig remote = config.remote(group.getKey());
            int jobs = jobs(remote);
            Set<ObjectId> files = fileObjects(group.getValue());
            Set<ObjectId> listings = group.getValue().stream().filter(Output::isDirectory).map(Output::objectId)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            try (BlobStore store = Remotes.open(remote, jobs, options.s3(), options.timeouts())) {
                total = total.plus(newTransfer(store, jobs)
                        .upload(files, listings, "push to " + remote.name(), verify));
            }
        }
        return total;
    }

    /**
     * How each output stands on its remote ({@code dvc status -c}): objects the remote lacks and,
     * with {@code verify}, objects it holds with the wrong bytes. Reads the remote, changes nothing.
     */
    public List<RemoteStatus> remoteStatus(String remoteName, List<String> targets, boolean verify) {
        List<RemoteStatus> statuses = new ArrayList<>();
        for (Map.Entry<String, List<Output>> group : byRemote(remoteName, outputs(targets), true).entrySet()) {
            RemoteConfig remote = config.remote(group.getKey());
            int jobs = jobs(remote);
            try (BlobStore store = Remotes.open(remote, jobs, options.s3(), options.timeouts())) {
                statuses.addAll(new RemoteStatusCheck(cache, newTransfer(store, jobs), remote.name())
                        .check(group.getValue(), verify));
            }
        }
        return statuses;
    }

    /** Downloads what the pointers name into the cache, leaving the workspace alone ({@code dvc fetch}). */
    public PullResult fetch(String remoteName, List<String> targets, boolean allowMissing) {
        List<TrackedOutput> tracked = outputs(targets);
        Fetched fetched = fetchFromRemotes(remoteName, tracked, allowMissing);
        List<String> skipped = new ArrayList<>(fetched.incomplete());
        neverPushed(tracked).stream().filter(output -> !inCache(output)).forEach(output -> skipped.add(notPushed(output)));
        return new PullResult(fetched.outputs().size(), fetched.stats(), 0, 0, 0, LinkType.COPY).withSkipped(skipped);
    }

    public PullResult pull(String remoteName, List<String> targets, boolean force) {
        return pull(remoteName, targets, force, false);
    }

    /**
     * Fetches and materialises. With {@code allowMissing}, a path some of whose objects the remote
     * lacks is left as it is and reported, and the rest is pulled.
     */
    public PullResult pull(String remoteName, List<String> targets, boolean force, boolean allowMissing) {
        List<TrackedOutput> tracked = outputs(targets);
        try (WorkspaceLock lock = lockWorkspace()) {
            Fetched fetched = fetchFromRemotes(remoteName, tracked, allowMissing);
            List<Output> complete = new ArrayList<>(fetched.outputs().stream()
                    .filter(output -> !fetched.incomplete().contains(output.workspacePath())).toList());
            List<String> skipped = new ArrayList<>(fetched.incomplete());
            for (Output output : neverPushed(tracked)) {
                if (inCache(output)) {
                    complete.add(output);
                } else {
                    skipped.add(notPushed(output));
                }
            }
            return materialise(complete, fetched.stats(), force).withSkipped(skipped);
        }
    }

    /** Outputs marked {@code push: false}: no remote has them, so only a cache shared with their maker can. */
    private static List<Output> neverPushed(List<TrackedOutput> tracked) {
        return cachedOutputs(tracked, false).stream().filter(output -> !output.push()).toList();
    }

    private boolean inCache(Output output) {
        return cache.containsVerified(output.objectId())
                && fileObjects(List.of(output)).stream().allMatch(cache::containsVerified);
    }

    private String notPushed(Output output) {
        progress.note("skipped " + output.workspacePath() + ": it is marked push: false, so no remote has it, and it is"
                + " not in the cache; its stage makes it again");
        return output.workspacePath();
    }

    /** What a fetch brought: the outputs it was for, and those the remote could not complete. */
    private record Fetched(List<Output> outputs, TransferStats stats, List<String> incomplete) {
    }

    private Fetched fetchFromRemotes(String remoteName, List<TrackedOutput> tracked, boolean allowMissing) {
        cache.cleanStaleTemporaries();
        // what is never pushed is not asked of a remote (as DVC): it cannot be there
        Map<String, List<Output>> groups = byRemote(remoteName, tracked, true);
        TransferStats transferred = TransferStats.NONE;
        List<String> incomplete = new ArrayList<>();
        for (Map.Entry<String, List<Output>> group : groups.entrySet()) {
            RemoteConfig remote = config.remote(group.getKey());
            int jobs = jobs(remote);
            Set<ObjectId> notOnRemote = allowMissing ? java.util.concurrent.ConcurrentHashMap.newKeySet() : null;
            try (BlobStore store = Remotes.open(remote, jobs, options.s3(), options.timeouts())) {
                Transfer transfer = newTransfer(store, jobs);
                List<ObjectId> listings = group.getValue().stream().filter(Output::isDirectory)
                        .map(Output::objectId).toList();
                transferred = transferred.plus(transfer.fetch(listings, "fetching listings from " + remote.name(), notOnRemote));
                List<Output> listed = group.getValue().stream()
                        .filter(o -> notOnRemote == null || !notOnRemote.contains(o.objectId())).toList();
                transferred = transferred.plus(transfer.fetch(fileObjects(listed), "pull from " + remote.name(), notOnRemote));
            }
            if (notOnRemote != null && !notOnRemote.isEmpty()) {
                for (Output output : group.getValue()) {
                    if (!objectsOf(output, notOnRemote).isEmpty()) {
                        incomplete.add(output.workspacePath());
                        progress.note("skipped " + output.workspacePath() + ": " + objectsOf(output, notOnRemote).size()
                                + " of its objects are not on remote " + remote.name());
                    }
                }
            }
        }
        return new Fetched(groups.values().stream().flatMap(List::stream).toList(), transferred, incomplete);
    }

    /** Which of the output's objects (its listing included) are in {@code among}. */
    private List<ObjectId> objectsOf(Output output, Set<ObjectId> among) {
        if (among.contains(output.objectId()) || !output.isDirectory()) {
            return among.contains(output.objectId()) ? List.of(output.objectId()) : List.of();
        }
        return fileObjects(List.of(output)).stream().filter(among::contains).toList();
    }

    /**
     * Garbage collection ({@code dvc gc}): the objects no pointer names — not the workspace's,
     * not any git ref's, and with {@code allCommits} not any commit's in their history — are
     * listed, and with {@code force} removed from the cache and, with {@code cloud}, from the
     * remote ({@code remoteName}, else the default).
     */
    public GcResult gc(boolean allCommits, boolean cloud, String remoteName, boolean force) {
        try (WorkspaceLock lock = lockWorkspace()) {
            Set<ObjectId> named = new LinkedHashSet<>();
            for (TrackedOutput tracked : outputs(null)) {
                if (tracked.output().objectId() != null) {
                    named.add(tracked.output().objectId());
                }
            }
            named.addAll(RefPointers.named(root, allCommits));
            String remoteChosen = remoteName != null ? remoteName : config.defaultRemoteName().orElse(null);
            fetchAbsentListings(named, remoteChosen);
            GarbageCollection collection = new GarbageCollection(cache);
            Set<ObjectId> used = collection.expand(named);
            List<Path> local = collection.unusedInCache(used);
            long bytes = GarbageCollection.sizeOf(local);
            List<String> remoteKeys = List.of();
            if (cloud) {
                RemoteConfig remote = config.remote(remoteChosen);
                try (BlobStore store = Remotes.open(remote, jobs(remote), options.s3(), options.timeouts())) {
                    remoteKeys = GarbageCollection.unusedOnRemote(store, used);
                    if (force) {
                        io.mlci.core.data.Parallel.forEach("removing from " + remote.name(), remoteKeys, jobs(remote),
                                store::delete);
                    }
                }
            }
            if (force) {
                for (Path object : local) {
                    try {
                        Files.deleteIfExists(object);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot remove " + object, e);
                    }
                }
            }
            List<String> relative = local.stream().map(p -> cache.cacheDir().relativize(p).toString().replace('\\', '/')).toList();
            return new GcResult(relative, bytes, cloud ? remoteChosen : null, remoteKeys, force);
        }
    }

    /** Listings named only in git history may be on the remote though never pulled here. */
    private void fetchAbsentListings(Set<ObjectId> named, String remoteName) {
        List<ObjectId> absent = named.stream().filter(ObjectId::isDir).filter(id -> !cache.containsVerified(id)).toList();
        if (absent.isEmpty() || remoteName == null) {
            return;
        }
        RemoteConfig remote = config.remote(remoteName);
        try (BlobStore store = Remotes.open(remote, jobs(remote), options.s3(), options.timeouts())) {
            newTransfer(store, jobs(remote)).fetch(absent, "fetching listings from " + remoteName,
                    java.util.concurrent.ConcurrentHashMap.newKeySet());
        }
    }

    private WorkspaceLock lockWorkspace() {
        return WorkspaceLock.acquire(dvcDir.resolve("tmp").resolve("mlci"), java.time.Duration.ofMinutes(30), progress);
    }

    /**
     * Makes the workspace match the pointers from the local cache alone ({@code dvc checkout}).
     * Fails, naming the object, when something is not in the cache.
     */
    public PullResult checkout(List<String> targets, boolean force) {
        try (WorkspaceLock lock = lockWorkspace()) {
            cache.cleanStaleTemporaries();
            return materialise(cachedOutputs(outputs(targets), false), TransferStats.NONE, force);
        }
    }

    private PullResult materialise(List<Output> outputs, TransferStats transferred, boolean force) {
        WorkspacePaths workspace = new WorkspacePaths(root);
        Linker linker = new Linker(linkTypes(), progress, workspace);
        Checkout checkout = new Checkout(workspace, cache, linker, hasher, statCache, treeCache, CHECKOUT_THREADS, progress);
        Checkout.Stats stats = new Checkout.Stats(0, 0, 0);
        for (Output output : outputs) {
            stats = stats.plus(checkout.apply(output, force));
        }
        return new PullResult(outputs.size(), transferred, stats.placed(), stats.unchanged(), stats.removed(),
                linker.effectiveType());
    }

    /**
     * The outputs whose content lives in the cache (stage outputs with a hash, not marked
     * {@code cache: false}; with {@code pushedOnly}, not marked {@code push: false} either: what
     * moves through a remote), each path and hash once.
     */
    private static List<Output> cachedOutputs(List<TrackedOutput> tracked, boolean pushedOnly) {
        List<Output> outputs = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (TrackedOutput t : tracked) {
            Output output = t.output();
            if (t.role() == TrackedOutput.Role.OUT && output.objectId() != null && output.cache()
                    && (!pushedOnly || output.push())
                    && seen.add(output.workspacePath() + "@" + output.objectId())) {
                outputs.add(output);
            }
        }
        return outputs;
    }

    /** The file objects of the outputs: a file output's own, a directory's from its listing. */
    private Set<ObjectId> fileObjects(List<Output> outputs) {
        Set<ObjectId> files = new LinkedHashSet<>();
        for (Output output : outputs) {
            if (output.isDirectory()) {
                for (DirEntry entry : cache.readListing(output.objectId()).entries()) {
                    files.add(new ObjectId(entry.md5(), output.algorithm()));
                }
            } else {
                files.add(output.objectId());
            }
        }
        return files;
    }

    /** Outputs that move through a remote, grouped by the remote each goes to. */
    private Map<String, List<Output>> byRemote(String remoteName, List<TrackedOutput> tracked, boolean pushedOnly) {
        String fallback = remoteName != null ? remoteName : config.defaultRemoteName().orElse(null);
        Map<String, List<Output>> groups = new LinkedHashMap<>();
        for (Output output : cachedOutputs(tracked, pushedOnly)) {
            String remote = remoteName != null ? remoteName : (output.remote() != null ? output.remote() : fallback);
            if (remote == null) {
                config.remote(null); // throws the "no default remote" message
            }
            groups.computeIfAbsent(remote, k -> new ArrayList<>()).add(output);
        }
        return groups;
    }

    /**
     * The named remote, or with a null name the default one ({@code core.remote}); empty when
     * no name is given and no default is configured.
     */
    /** The remote .dvc/config (or config.local) names as core.remote, if any. */
    public java.util.Optional<String> defaultRemoteName() {
        return config.defaultRemoteName();
    }

    public java.util.Optional<BlobStore> openRemote(String name) {
        if (name == null && config.defaultRemoteName().isEmpty()) {
            return java.util.Optional.empty();
        }
        RemoteConfig remote = config.remote(name);
        return java.util.Optional.of(Remotes.open(remote, jobs(remote), options.s3(), options.timeouts()));
    }

    /** A transfer between the cache and a store, with this workspace's retry policy and parallelism. */
    public Transfer transfer(BlobStore store) {
        return newTransfer(store, options.jobs() != null ? Math.max(1, options.jobs()) : 4 * CORES);
    }

    private Transfer newTransfer(BlobStore store, int jobs) {
        return new Transfer(cache, store, options.retry(), jobs, progress, options.timeouts().perObject());
    }

    /**
     * Places outputs that live in {@code store} (files or directories, e.g. a reused run's model)
     * into the workspace: fetches what the cache lacks, then links or copies, replacing whatever
     * is at those paths (they are generated files, not edits to protect).
     */
    public PullResult restore(List<Output> outputs, BlobStore store) {
        cache.cleanStaleTemporaries();
        Transfer transfer = transfer(store);
        TransferStats fetched = transfer.fetch(outputs.stream().filter(Output::isDirectory).map(Output::objectId).toList(),
                "fetching listings from " + store.describe());
        fetched = fetched.plus(transfer.fetch(fileObjects(outputs), "restoring from " + store.describe()));
        return materialise(outputs, fetched, true);
    }

    private int jobs(RemoteConfig remote) {
        if (options.jobs() != null) {
            return Math.max(1, options.jobs());
        }
        return Remotes.jobs(remote, 4 * CORES);
    }

    @Override
    public void close() {
        if (readOnly) {
            return;
        }
        statCache.save();
        treeCache.save();
        AtomicFiles.removeStaleTemporaries(dvcDir.resolve("tmp").resolve("mlci"));
        try {
            // whatever this command cached (a repro's outputs, a pull's objects, hash state) may
            // have created .dvc/ first: it gets the .gitignore that keeps the cache out of git
            io.mlci.core.data.pointer.DvcDirectory.completeIfUninitialised(dvcDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dvcDir.resolve(".gitignore"), e);
        }
    }
}
