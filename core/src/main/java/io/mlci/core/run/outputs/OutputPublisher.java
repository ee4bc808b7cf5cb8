package io.mlci.core.run.outputs;

import io.mlci.core.InvalidInputException;
import io.mlci.core.data.cache.ObjectCache;
import io.mlci.core.data.hash.DirEntry;
import io.mlci.core.data.hash.DirListing;
import io.mlci.core.data.hash.HashAlgorithm;
import io.mlci.core.data.hash.ObjectId;
import io.mlci.core.data.pointer.Output;
import io.mlci.core.data.pointer.RepoPaths;
import io.mlci.core.data.transfer.Transfer;
import io.mlci.core.run.record.OutputFile;
import io.mlci.core.storage.FileTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns a finished training's declared outputs into recorded, content-addressed objects: clears
 * the output paths before the command runs, then hashes each file (md5 and sha256), stores it in
 * the local cache and uploads it to the remote, and returns what the run record lists. Every
 * output is checked before anything is stored, so a training that missed one publishes none.
 */
public final class OutputPublisher {

    private final Path root;
    private final ObjectCache cache;
    private final Transfer transfer;

    public OutputPublisher(Path root, ObjectCache cache, Transfer transfer) {
        this.root = root;
        this.cache = cache;
        this.transfer = transfer;
    }

    /** Fails naming the first declared output the training did not produce. */
    public void requireProduced(List<String> declared) {
        for (String path : declared) {
            Path resolved = resolve(path);
            if (!Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException("mlci.yaml", "train.outputs",
                        "the command did not write '" + path + "' (earlier outputs are removed before it runs)");
            }
        }
    }

    /**
     * Removes what an earlier training left at the declared output paths (and the metrics and
     * predictions files), as DVC removes a stage's outputs before running it: a command that
     * does not write one of them must not have the earlier run's file recorded as its own. A
     * symbolic link is removed, never followed. Returns the paths removed.
     */
    public List<String> removeStale(List<String> declared, List<String> optional) {
        List<String> removed = new ArrayList<>();
        for (String path : union(declared, optional)) {
            Path resolved = resolve(path);
            if (Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    FileTrees.delete(resolved);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove the earlier output " + path + " before training: "
                            + e.getMessage(), e);
                }
                removed.add(path);
            }
        }
        return removed;
    }

    /**
     * Hashes the declared outputs (all must exist) and the optional ones that exist — the
     * metrics and predictions files, so that a reused run restores them too — into the local
     * cache, and returns what the run record lists. Nothing leaves the machine yet.
     */
    public List<OutputFile> cache(List<String> declared, List<String> optional) {
        requireProduced(declared);
        List<String> paths = new ArrayList<>(declared);
        optional.stream().filter(path -> !paths.contains(path) && Files.isRegularFile(resolve(path))).forEach(paths::add);
        List<OutputFile> recorded = new ArrayList<>();
        try {
            for (String path : paths) {
                Path resolved = resolve(path);
                String workspacePath = RepoPaths.posix(root, resolved);
                recorded.add(Files.isDirectory(resolved) ? directory(workspacePath, resolved) : file(workspacePath, resolved));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the training's outputs: " + e.getMessage(), e);
        }
        return recorded;
    }

    /** Uploads cached outputs to the remote: every file first, directory listings last. */
    public void upload(List<OutputFile> outputs) {
        Set<ObjectId> files = new LinkedHashSet<>();
        Set<ObjectId> listings = new LinkedHashSet<>();
        for (OutputFile output : outputs) {
            if (output.isDirectory()) {
                listings.add(new ObjectId(output.md5(), HashAlgorithm.MD5));
                output.files().forEach(member -> files.add(new ObjectId(member.md5(), HashAlgorithm.MD5)));
            } else {
                files.add(new ObjectId(output.md5(), HashAlgorithm.MD5));
            }
        }
        transfer.upload(files, listings, "uploading outputs");
    }

    private static List<String> union(List<String> declared, List<String> optional) {
        Set<String> all = new LinkedHashSet<>(declared);
        all.addAll(optional);
        return new ArrayList<>(all);
    }

    private OutputFile file(String workspacePath, Path file) throws IOException {
        FileDigests digests = FileDigests.of(file);
        ObjectId id = new ObjectId(digests.md5(), HashAlgorithm.MD5);
        cache.addFile(file, id);
        return new OutputFile(workspacePath, digests.md5(), digests.sha256(), digests.size(), 1, List.of());
    }

    private OutputFile directory(String workspacePath, Path dir) throws IOException {
        List<Path> members;
        try (Stream<Path> walk = Files.walk(dir)) {
            members = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<DirEntry> entries = new ArrayList<>();
        List<OutputFile> recorded = new ArrayList<>();
        long total = 0;
        for (Path member : members) {
            String relpath = RepoPaths.posix(dir, member);
            OutputFile one = file(workspacePath + "/" + relpath, member);
            entries.add(new DirEntry(relpath, one.md5(), one.size()));
            recorded.add(one);
            total += one.size();
        }
        ObjectId listing = cache.addListing(DirListing.of(entries), HashAlgorithm.MD5);
        return new OutputFile(workspacePath, listing.value(), null, total, members.size(), recorded);
    }

    private Path resolve(String path) {
        return RepoPaths.resolveInside(root, root, path, root.resolve("mlci.yaml"), "train.outputs");
    }

    /** The recorded outputs as pointers the data layer can fetch and place. */
    public static List<Output> asPointers(List<OutputFile> outputs) {
        return outputs.stream().map(output -> new Output(output.path(), output.path(),
                new ObjectId(output.md5(), HashAlgorithm.MD5), output.size(), output.isDirectory() ? output.nfiles() : -1,
                false, true, true, null)).toList();
    }
}
