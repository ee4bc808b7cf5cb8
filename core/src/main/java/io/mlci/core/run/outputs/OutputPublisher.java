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
 * Turns a finished training's declared outputs into recorded, content-addressed objects: hashes
 * each file (md5 and sha256), stores it in the local cache, uploads it to the remote and returns
 * what the run record lists. Every output is checked before anything is stored, so a training
 * that missed one publishes none.
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
                        "the training did not produce '" + path + "'");
            }
        }
    }

    /**
     * Publishes the declared outputs (all must exist) and the optional ones that exist — the
     * metrics and predictions files, so that a reused run restores them too.
     */
    public List<OutputFile> publish(List<String> declared, List<String> optional) {
        requireProduced(declared);
        List<String> paths = new ArrayList<>(declared);
        optional.stream().filter(path -> !paths.contains(path) && Files.isRegularFile(resolve(path))).forEach(paths::add);
        List<OutputFile> recorded = new ArrayList<>();
        Set<ObjectId> files = new LinkedHashSet<>();
        Set<ObjectId> listings = new LinkedHashSet<>();
        try {
            for (String path : paths) {
                Path resolved = resolve(path);
                String workspacePath = RepoPaths.posix(root, resolved);
                recorded.add(Files.isDirectory(resolved)
                        ? directory(workspacePath, resolved, files, listings)
                        : file(workspacePath, resolved, files));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the training's outputs: " + e.getMessage(), e);
        }
        transfer.upload(files, listings, "uploading outputs");
        return recorded;
    }

    private OutputFile file(String workspacePath, Path file, Set<ObjectId> files) throws IOException {
        FileDigests digests = FileDigests.of(file);
        ObjectId id = new ObjectId(digests.md5(), HashAlgorithm.MD5);
        cache.addFile(file, id);
        files.add(id);
        return new OutputFile(workspacePath, digests.md5(), digests.sha256(), digests.size(), 1, List.of());
    }

    private OutputFile directory(String workspacePath, Path dir, Set<ObjectId> files,
                                                          Set<ObjectId> listings) throws IOException {
        List<Path> members;
        try (Stream<Path> walk = Files.walk(dir)) {
            members = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<DirEntry> entries = new ArrayList<>();
        List<OutputFile> recorded = new ArrayList<>();
        long total = 0;
        for (Path member : members) {
            String relpath = RepoPaths.posix(dir, member);
            OutputFile one = file(workspacePath + "/" + relpath, member, files);
            entries.add(new DirEntry(relpath, one.md5(), one.size()));
            recorded.add(one);
            total += one.size();
        }
        ObjectId listing = cache.addListing(DirListing.of(entries), HashAlgorithm.MD5);
        listings.add(listing);
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
