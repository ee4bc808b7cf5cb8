package io.mlci.core.data.workspace;

import io.mlci.core.InvalidInputException;
import io.mlci.core.data.cache.StatCache;
import io.mlci.core.data.cache.TreeCache;
import io.mlci.core.data.hash.DirEntry;
import io.mlci.core.data.hash.DirListing;
import io.mlci.core.data.hash.FileBatchHasher;
import io.mlci.core.data.hash.FileHasher;
import io.mlci.core.data.hash.HashAlgorithm;
import io.mlci.core.data.hash.HashKernel;
import io.mlci.core.data.pointer.DvcIgnore;
import io.mlci.core.progress.ProgressListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Hashes workspace files and directories as DVC does, in parallel, consulting the stat cache
 * first so that unchanged files are never read. Large files are started first so one big file
 * does not leave the other workers idle at the end.
 */
public final class WorkspaceHasher {

    private final Path root;
    private final StatCache statCache;
    private final TreeCache treeCache;
    private final DvcIgnore ignore;
    private final ProgressListener progress;
    private final ThreadLocal<FileHasher> hashers = ThreadLocal.withInitial(FileHasher::new);
    private final FileBatchHasher batches;
    private final DirectoryScan scan;

    public WorkspaceHasher(Path root, StatCache statCache, TreeCache treeCache, DvcIgnore ignore, int threads,
                           ProgressListener progress) {
        this(root, statCache, treeCache, ignore, threads, progress, HashKernel::current);
    }

    WorkspaceHasher(Path root, StatCache statCache, TreeCache treeCache, DvcIgnore ignore, int threads,
                    ProgressListener progress, Supplier<HashKernel> kernels) {
        this.root = root;
        this.statCache = statCache;
        this.treeCache = treeCache;
        this.ignore = ignore;
        this.progress = progress;
        this.batches = new FileBatchHasher(threads, kernels);
        // walking is stat calls answered from the kernel's inode cache, i.e. CPU work: one thread
        // per core; the extra threads that help hashing (waiting on reads) only contend here
        this.scan = new DirectoryScan(root, ignore, Math.min(threads, Runtime.getRuntime().availableProcessors()));
    }

    /** A workspace file found under a directory, with the attributes read while listing. */
    public record FoundFile(Path path, String relpath, BasicFileAttributes attrs) {
    }

    /**
     * The hash of a file or of a directory. The listing of a directory is present when it was
     * built; {@link #hash} may answer from the tree cache without building it.
     */
    public record Hashed(String hash, long size, long nfiles, DirListing listing, boolean executable) {
        public boolean isDirectory() {
            return hash.endsWith(DirListing.SUFFIX);
        }
    }

    /** The hash of a file or directory, from the tree cache when the directory is unchanged. */
    public Hashed hash(Path path, HashAlgorithm algorithm) {
        return hash(path, algorithm, false);
    }

    /** Like {@link #hash}, but a directory's listing is always built (to store its content). */
    public Hashed hashWithListing(Path path, HashAlgorithm algorithm) {
        return hash(path, algorithm, true);
    }

    private Hashed hash(Path path, HashAlgorithm algorithm, boolean needListing) {
        BasicFileAttributes attrs = attributes(path);
        if (attrs == null) {
            throw new InvalidInputException(path.toString(), null, "does not exist");
        }
        if (attrs.isDirectory()) {
            if (!needListing && treeCache.knows(path)) {
                // the common case, an unchanged directory: a stat of every file answers it from
                // the tree cache, without building the list of files a re-hash would need (a
                // directory never seen before goes straight to the one walk that lists it)
                String key = TreeFingerprint.key(algorithm, scan.fingerprint(path));
                TreeCache.Tree known = key == null ? null : treeCache.lookup(path, key);
                if (known != null) {
                    return new Hashed(known.hash(), known.size(), known.nfiles(), null, false);
                }
            }
            List<FoundFile> files = listFiles(path);
            // a cache that keeps nothing (a read-only command) needs no key: a pass over every file saved
            String key = treeCache.records() ? TreeFingerprint.key(algorithm, files) : null;
            Map<String, String> hashes = hashAll(files, algorithm, "hashing " + RelativeNames.of(root, path));
            List<DirEntry> entries = new ArrayList<>(files.size());
            long size = 0;
            for (FoundFile file : files) {
                entries.add(new DirEntry(file.relpath(), hashes.get(file.relpath()), file.attrs().size()));
                size += file.attrs().size();
            }
            DirListing listing = DirListing.of(entries);
            String hash = listing.hash();
            if (key != null) {
                treeCache.record(path, new TreeCache.Tree(key, hash, size, files.size()));
            }
            return new Hashed(hash, size, files.size(), listing, false);
        }
        String md5 = hashFile(path, attrs, algorithm);
        return new Hashed(md5, attrs.size(), -1, null, Files.isExecutable(path));
    }

    /** Hashes many files in parallel; returns relpath to md5. */
    public Map<String, String> hashAll(List<FoundFile> files, HashAlgorithm algorithm, String phase) {
        long totalBytes = files.stream().mapToLong(f -> f.attrs().size()).sum();
        progress.begin(phase, files.size(), totalBytes);
        Map<String, String> hashes = new ConcurrentHashMap<>(files.size() * 2);
        // Stat-cache hits cost a map lookup; only misses are worth a task on the pool.
        List<FoundFile> biggestFirst = new ArrayList<>();
        for (FoundFile file : files) {
            String known = statCache.lookup(file.path(), file.attrs(), algorithm);
            if (known != null) {
                hashes.put(file.relpath(), known);
            } else {
                biggestFirst.add(file);
            }
        }
        if (hashes.size() > 0) {
            progress.advance(hashes.size(), 0);
        }
        biggestFirst.sort(Comparator.comparingLong((FoundFile f) -> f.attrs().size()).reversed());
        try {
            batches.hashAll(phase, biggestFirst, FoundFile::path, file -> file.attrs().size(), algorithm, (file, md5) -> {
                statCache.record(file.path(), file.attrs(), algorithm, md5);
                hashes.put(file.relpath(), md5);
                progress.advance(1, file.attrs().size());
            });
        } finally {
            progress.end();
        }
        return hashes;
    }

    /** The hash of one file, from the stat cache when the file is unchanged. */
    public String hashFile(Path file, BasicFileAttributes attrs, HashAlgorithm algorithm) {
        String known = statCache.lookup(file, attrs, algorithm);
        if (known != null) {
            return known;
        }
        try {
            String md5 = hashers.get().hash(file, algorithm);
            statCache.record(file, attrs, algorithm, md5);
            return md5;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Every file under the directory (following symlinks to files, not to directories), minus
     * what {@code .dvcignore} excludes and mlci's own temporaries. Relpaths use '/'. Temporaries
     * left behind by killed mlci processes are deleted on the way.
     */
    public List<FoundFile> listFiles(Path dir) {
        return scan.listFiles(dir);
    }

    static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    static BasicFileAttributes attributesNoFollow(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
