package io.mlci.core.data.workspace;

import io.mlci.core.MlciException;
import io.mlci.core.data.Parallel;
import io.mlci.core.data.cache.ObjectCache;
import io.mlci.core.data.cache.StatCache;
import io.mlci.core.data.cache.TreeCache;
import io.mlci.core.data.hash.DirEntry;
import io.mlci.core.data.hash.DirListing;
import io.mlci.core.data.hash.HashAlgorithm;
import io.mlci.core.data.hash.ObjectId;
import io.mlci.core.data.pointer.Output;
import io.mlci.core.progress.ProgressListener;
import io.mlci.core.storage.AtomicFiles;
import io.mlci.core.storage.FileTrees;
import io.mlci.core.storage.WorkspacePaths;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes the workspace hold exactly the content an output names. Files that already match are
 * left alone; the rest are placed from the cache. Before anything is touched it checks that no
 * change the user made would be lost (a modified or extra file whose content is not in the
 * cache) and refuses unless forced, so a refusal leaves the workspace as it was.
 */
final class Checkout {

    /** What a checkout did. */
    record Stats(long placed, long unchanged, long removed) {
        Stats plus(Stats o) {
            return new Stats(placed + o.placed, unchanged + o.unchanged, removed + o.removed);
        }
    }

    private final Path root;
    private final ObjectCache cache;
    private final Linker linker;
    private final WorkspaceHasher hasher;
    private final StatCache statCache;
    private final TreeCache treeCache;
    private final int threads;
    private final ProgressListener progress;

    private final WorkspacePaths workspace;

    Checkout(WorkspacePaths workspace, ObjectCache cache, Linker linker, WorkspaceHasher hasher, StatCache statCache,
             TreeCache treeCache, int threads, ProgressListener progress) {
        this.workspace = workspace;
        this.root = workspace.root();
        this.cache = cache;
        this.linker = linker;
        this.hasher = hasher;
        this.statCache = statCache;
        this.treeCache = treeCache;
        this.threads = threads;
        this.progress = progress;
    }

    Stats apply(Output output, boolean force) {
        Path target = workspace.checkParents(root.resolve(output.workspacePath()));
        if (output.isDirectory() || !pointsIntoCache(target)) {
            workspace.refuseLink(target); // a file link mlci placed (link type symlink) is replaced, never written through
        }
        return output.isDirectory()
                ? applyDirectory(output, target, cache.readListing(output.objectId()), force)
                : applyFile(output, target, force);
    }

    private Stats applyFile(Output output, Path target, boolean force) {
        ObjectId id = output.objectId();
        AtomicFiles.removeStaleTemporaries(target.getParent());
        BasicFileAttributes attrs = WorkspaceHasher.attributes(target);
        if (attrs != null && attrs.isDirectory()) {
            guardDirectoryRemoval(target, force);
        } else if (attrs != null) {
            String current = hasher.hashFile(target, attrs, id.algorithm());
            if (current.equals(id.value())) {
                return new Stats(0, 1, 0);
            }
            guardOverwrite(target, current, id.algorithm(), force);
        }
        BasicFileAttributes objectAttrs = cache.requireVerifiedAttributes(id);
        try {
            if (attrs != null && attrs.isDirectory()) {
                FileTrees.delete(target);
            }
            LinkType placedAs = linker.place(cache.pathOf(id), target, output.isexec());
            remember(placedAs, objectAttrs, target, id.algorithm(), id.value());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
        return new Stats(1, 0, 0);
    }

    private Stats applyDirectory(Output output, Path target, DirListing listing, boolean force) {
        AtomicFiles.removeStaleTemporaries(target.getParent());
        if (Files.notExists(target, LinkOption.NOFOLLOW_LINKS)) {
            Stats staged = applyFreshDirectory(output, target, listing);
            if (staged != null) {
                return staged;
            }
        }
        HashAlgorithm algorithm = output.algorithm();
        Map<String, String> current = new HashMap<>();
        Map<String, WorkspaceHasher.FoundFile> found = new HashMap<>();
        BasicFileAttributes attrs = WorkspaceHasher.attributes(target);
        if (attrs != null && !attrs.isDirectory()) {
            String hash = hasher.hashFile(target, attrs, algorithm);
            guardOverwrite(target, hash, algorithm, force);
            try {
                Files.delete(target);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot replace " + target, e);
            }
        } else if (attrs != null) {
            List<WorkspaceHasher.FoundFile> files = hasher.listFiles(target);
            files.forEach(file -> found.put(file.relpath(), file));
            current.putAll(hasher.hashAll(files, algorithm, "checking " + output.workspacePath()));
        }
        Set<String> wanted = new HashSet<>();
        List<DirEntry> toPlace = new ArrayList<>();
        for (DirEntry entry : listing.entries()) {
            wanted.add(entry.relpath());
            String have = current.get(entry.relpath());
            if (!entry.md5().equals(have)) {
                if (have != null) {
                    guardOverwrite(target.resolve(entry.relpath()), have, algorithm, force);
                }
                toPlace.add(entry);
            }
        }
        List<String> extras = new ArrayList<>();
        for (Map.Entry<String, String> file : current.entrySet()) {
            if (!wanted.contains(file.getKey())) {
                guardOverwrite(target.resolve(file.getKey()), file.getValue(), algorithm, force);
                extras.add(file.getKey());
            }
        }
        for (String extra : extras) {
            try {
                Files.deleteIfExists(workspace.checkParents(target.resolve(extra)));
                statCache.forget(target.resolve(extra));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + target.resolve(extra), e);
            }
        }
        Map<String, BasicFileAttributes> linked = place(output, target, target, toPlace, algorithm, current.keySet(),
                false);
        rememberTree(output, target, listing, found, linked);
        return new Stats(toPlace.size(), listing.entries().size() - toPlace.size(), extras.size());
    }

    /**
     * A directory that does not exist yet is built under a temporary name beside it and renamed
     * into place in one step. Inside that staging directory nothing is visible to anyone, so
     * files are written straight to their names: no temporary and no rename per file, which is
     * most of the cost of materialising many small files. Returns null if the directory appeared
     * meanwhile (another process); the caller then checks out file by file.
     */
    private Stats applyFreshDirectory(Output output, Path target, DirListing listing) {
        Path stage = AtomicFiles.tempBeside(target);
        try {
            workspace.createDirectories(stage);
            Map<String, BasicFileAttributes> linked = place(output, stage, target, listing.entries(), output.algorithm(),
                    Set.of(), true);
            try {
                AtomicFiles.moveAtomically(stage, target, false);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                FileTrees.delete(stage);
                return null;
            }
            rememberTree(output, target, listing, Map.of(), linked);
            return new Stats(listing.entries().size(), 0, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + target, e);
        } finally {
            FileTrees.deleteQuietly(stage); // a leftover stage is removed as a stale temporary by the next checkout
        }
    }

    /**
     * Places the entries in parallel, one directory per thread at a time ({@link DirectoryBatches}).
     * A file that cannot be placed fails alone: the others are still placed, and the failures are
     * reported together.
     *
     * @param placeRoot where the files are written now (the target, or a staging directory)
     * @param finalRoot where they will be read from (what the stat cache must name)
     * @param existing  relpaths that were in the workspace before (all others are known absent)
     * @param staged    whether placeRoot is an invisible staging directory
     * @return for the entries placed as hard or symbolic links, the attributes they now have (the
     *         cache object's); null if any entry was copied
     */
    private Map<String, BasicFileAttributes> place(Output output, Path placeRoot, Path finalRoot, List<DirEntry> entries,
                                                   HashAlgorithm algorithm, Set<String> existing, boolean staged) {
        Map<String, BasicFileAttributes> linked = new ConcurrentHashMap<>();
        AtomicBoolean copied = new AtomicBoolean();
        String what = "checkout " + output.workspacePath();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        progress.begin(what, entries.size(), -1);
        try {
            Parallel.forEach(what, DirectoryBatches.of(entries, DirectoryBatches.MAX_BATCH), threads, batch -> {
                for (DirEntry entry : batch) {
                    try {
                        ObjectId id = new ObjectId(entry.md5(), algorithm);
                        BasicFileAttributes objectAttrs = cache.requireVerifiedAttributes(id);
                        Path file = placeRoot.resolve(entry.relpath());
                        LinkType placedAs = staged
                                ? linker.placeStaged(cache.pathOf(id), file, false)
                                : linker.place(cache.pathOf(id), file, false, !existing.contains(entry.relpath()));
                        remember(placedAs, objectAttrs, finalRoot.resolve(entry.relpath()), algorithm, entry.md5());
                        if (placedAs == LinkType.HARDLINK || placedAs == LinkType.SYMLINK) {
                            linked.put(entry.relpath(), objectAttrs);
                        } else {
                            copied.set(true);
                        }
                        progress.advance(1, Math.max(0, entry.size()));
                    } catch (IOException | RuntimeException e) {
                        failures.add(e);
                    }
                }
            });
        } finally {
            progress.end();
        }
        Parallel.failIfAny(what, entries.size(), failures);
        return copied.get() ? null : linked;
    }

    /**
     * After a checkout by links, every file's attributes are known without another stat (they are
     * the cache objects'), so the directory's tree-cache entry can be written at once: the next
     * status answers without hashing or looking up a single file.
     */
    private void rememberTree(Output output, Path target, DirListing listing,
                              Map<String, WorkspaceHasher.FoundFile> found, Map<String, BasicFileAttributes> linked) {
        if (linked == null) {
            return;
        }
        List<WorkspaceHasher.FoundFile> files = new ArrayList<>(listing.entries().size());
        long size = 0;
        for (DirEntry entry : listing.entries()) {
            BasicFileAttributes attrs = linked.get(entry.relpath());
            WorkspaceHasher.FoundFile file = attrs != null
                    ? new WorkspaceHasher.FoundFile(target.resolve(entry.relpath()), entry.relpath(), attrs)
                    : found.get(entry.relpath());
            if (file == null) {
                return;
            }
            files.add(file);
            size += file.attrs().size();
        }
        String key = TreeFingerprint.key(output.algorithm(), files);
        if (key != null) {
            treeCache.record(target, new TreeCache.Tree(key, output.objectId().value(), size, files.size()));
        }
    }

    /**
     * A hard link is the cache object and a symlink resolves to it, so the object's attributes
     * (read while verifying it) are the workspace file's too, and the stat cache can keep them
     * without another stat. A fresh copy has a brand-new mtime that the stat cache would refuse.
     */
    private void remember(LinkType placedAs, BasicFileAttributes objectAttrs, Path file, HashAlgorithm algorithm,
                          String md5) {
        if (placedAs == LinkType.HARDLINK || placedAs == LinkType.SYMLINK) {
            statCache.record(file, objectAttrs, algorithm, md5);
        }
    }

    /** Whether the name is a symbolic link into the cache: one this checkout's link type "symlink" made. */
    private boolean pointsIntoCache(Path file) {
        if (!Files.isSymbolicLink(file)) {
            return true;
        }
        try {
            return file.getParent().resolve(Files.readSymbolicLink(file)).normalize().startsWith(cache.cacheDir());
        } catch (IOException e) {
            return false;
        }
    }

    /** Overwriting is safe when the current content can be restored from the cache. */
    private void guardOverwrite(Path file, String currentHash, HashAlgorithm algorithm, boolean force) {
        if (force || cache.containsVerified(new ObjectId(currentHash, algorithm))) {
            return;
        }
        throw new MlciException(RelativeNames.of(root, file) + " has changes that are not in the cache and would be lost;"
                + " save them with 'mlci data add', or rerun with --force to discard them");
    }

    private void guardDirectoryRemoval(Path dir, boolean force) {
        if (!force) {
            throw new MlciException(RelativeNames.of(root, dir) + " is a directory but the pointer names a file;"
                    + " rerun with --force to replace it");
        }
    }

}
