package io.mlci.core.data.cache;

import io.mlci.core.IntegrityException;
import io.mlci.core.MlciException;
import io.mlci.core.data.hash.DirListing;
import io.mlci.core.data.hash.FileHasher;
import io.mlci.core.data.hash.HashAlgorithm;
import io.mlci.core.data.hash.Hex;
import io.mlci.core.data.hash.ObjectId;
import io.mlci.core.progress.ProgressListener;
import io.mlci.core.storage.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Set;

/**
 * The local content-addressed cache, in DVC's layout: DVC 3.x objects under
 * {@code <cache dir>/files/md5/xx/rest}, DVC 2.x objects under {@code <cache dir>/xx/rest}.
 *
 * <p>Objects are written to {@code <cache dir>/tmp} first, verified against their name, made
 * read-only, forced to disk and renamed into place, so a reader never sees a partial object and
 * processes sharing the cache cannot corrupt each other (the same name always holds the same
 * bytes, so the last rename wins harmlessly). Reads are verified too: an object whose bytes no
 * longer match its name is removed and reported missing, so it is fetched again rather than
 * linked into a workspace.
 */
public final class ObjectCache {

    private static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r--r--r--");

    private final Path cacheDir;
    private final Path tempDir;
    private final StatCache verified;
    private final ProgressListener progress;
    private final ThreadLocal<FileHasher> hashers = ThreadLocal.withInitial(FileHasher::new);

    public ObjectCache(Path cacheDir, StatCache verified, ProgressListener progress) {
        this.cacheDir = cacheDir.toAbsolutePath().normalize();
        this.tempDir = this.cacheDir.resolve("tmp");
        this.verified = verified;
        this.progress = progress;
    }

    public Path cacheDir() {
        return cacheDir;
    }

    public Path pathOf(ObjectId id) {
        Path root = id.algorithm() == HashAlgorithm.MD5 ? cacheDir.resolve("files").resolve("md5") : cacheDir;
        return root.resolve(id.value().substring(0, 2)).resolve(id.value().substring(2));
    }

    /**
     * Whether the object is present with the right bytes. A corrupted object is deleted (and the
     * user told) so the caller fetches it again.
     */
    public boolean containsVerified(ObjectId id) {
        return verifiedAttributes(id) != null;
    }

    /**
     * The attributes of the object if it is present with the right bytes, else null. A corrupted
     * object is deleted (and the user told) so the caller fetches it again.
     */
    public BasicFileAttributes verifiedAttributes(ObjectId id) {
        Path path = pathOf(id);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cache object " + path, e);
        }
        HashAlgorithm algorithm = verificationAlgorithm(id);
        if (id.contentMd5().equals(verified.lookup(path, attrs, algorithm))) {
            return attrs;
        }
        String actual = hash(path, algorithm);
        if (actual.equals(id.contentMd5())) {
            verified.record(path, attrs, algorithm, actual);
            return attrs;
        }
        progress.note("cache object " + id + " is corrupted (its content hashes to " + actual + "); removing it");
        discard(path);
        return null;
    }

    /** Like {@link #containsVerified} but fails when the object is absent or damaged. */
    public Path requireVerified(ObjectId id) {
        requireVerifiedAttributes(id);
        return pathOf(id);
    }

    /** Like {@link #verifiedAttributes} but fails when the object is absent or damaged. */
    public BasicFileAttributes requireVerifiedAttributes(ObjectId id) {
        BasicFileAttributes attrs = verifiedAttributes(id);
        if (attrs == null) {
            throw new IntegrityException("object " + id + " is not in the cache " + cacheDir
                    + " (or was corrupted); pull it from a remote first");
        }
        return attrs;
    }

    /** Copies a workspace file into the cache under its already computed id. */
    public void addFile(Path source, ObjectId id) {
        if (containsVerified(id)) {
            return;
        }
        Path temp = newTemp();
        try {
            Files.copy(source, temp);
            String actual = hash(temp, verificationAlgorithm(id));
            if (!actual.equals(id.contentMd5())) {
                throw new IntegrityException(source + " changed while it was being added (expected " + id
                        + ", read " + actual + ")");
            }
            commit(temp, id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add " + source + " to the cache " + cacheDir, diskFullOr(e));
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Stores bytes read from a stream (a download) under the id, verifying them first. A short
     * or garbled stream raises {@link IntegrityException} and leaves the cache unchanged.
     */
    public long addStream(InputStream in, ObjectId id) throws IOException {
        Path temp = newTemp();
        try {
            MessageDigest md5 = FileHasher.newMd5();
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), md5)) {
                size = in.transferTo(out);
            }
            String actual = id.algorithm() == HashAlgorithm.MD5 || id.isDir()
                    ? Hex.encode(md5.digest())
                    : hash(temp, HashAlgorithm.MD5_DOS2UNIX);
            if (!actual.equals(id.contentMd5())) {
                throw new IntegrityException("object " + id + " arrived damaged or truncated (" + size
                        + " bytes hashing to " + actual + ")");
            }
            commit(temp, id);
            return size;
        } catch (IOException e) {
            throw diskFullOr(e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * A full disk is not healed by retrying: say so at once, naming the directory, instead of
     * handing the error to a retry loop that would fill the same disk again.
     */
    private IOException diskFullOr(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("No space left on device") || message.contains("Disk quota exceeded")) {
            throw new MlciException("no space left on the device of the cache directory " + cacheDir + " (" + message
                    + "); free space there or move the cache with 'cache.dir' in .dvc/config or --cache DIR", e);
        }
        return e;
    }

    /**
     * Whether a stream (an object read back from a remote) holds exactly the bytes its id names.
     * Nothing enters the cache.
     */
    public boolean matches(InputStream in, ObjectId id) throws IOException {
        if (id.algorithm() == HashAlgorithm.MD5 || id.isDir()) {
            MessageDigest md5 = FileHasher.newMd5();
            in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), md5));
            return Hex.encode(md5.digest()).equals(id.contentMd5());
        }
        Path temp = newTemp();
        try {
            Files.copy(in, temp);
            return hash(temp, HashAlgorithm.MD5_DOS2UNIX).equals(id.contentMd5());
        } finally {
            deleteQuietly(temp);
        }
    }

    /** Stores a directory listing as its {@code .dir} object and returns its id. */
    public ObjectId addListing(DirListing listing, HashAlgorithm algorithm) {
        ObjectId id = new ObjectId(listing.hash(), algorithm);
        if (containsVerified(id)) {
            return id;
        }
        try {
            addStream(new java.io.ByteArrayInputStream(listing.toBytes()), id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + id + " to the cache " + cacheDir, e);
        }
        return id;
    }

    /** Reads and parses a verified {@code .dir} object. */
    public DirListing readListing(ObjectId id) {
        Path path = requireVerified(id);
        try {
            return DirListing.parse(Files.readAllBytes(path), path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Removes temporaries left by processes that were killed while writing. */
    public int cleanStaleTemporaries() {
        return AtomicFiles.removeStaleTemporaries(tempDir);
    }

    private void commit(Path temp, ObjectId id) throws IOException {
        Path target = pathOf(id);
        Files.createDirectories(target.getParent());
        try {
            Files.setPosixFilePermissions(temp, READ_ONLY);
        } catch (UnsupportedOperationException e) {
            temp.toFile().setReadOnly();
        }
        AtomicFiles.force(temp);
        AtomicFiles.moveAtomically(temp, target, true);
        // Verified a moment ago and read-only now: later reads need not hash it again.
        verified.recordWritten(target, Files.readAttributes(target, BasicFileAttributes.class),
                verificationAlgorithm(id), id.contentMd5());
    }

    private Path newTemp() {
        try {
            Files.createDirectories(tempDir);
        } catch (IOException e) {
            throw new MlciException("cannot create the cache directory " + tempDir + ": " + e.getMessage(), e);
        }
        return AtomicFiles.tempBeside(tempDir.resolve("object"));
    }

    private static HashAlgorithm verificationAlgorithm(ObjectId id) {
        // A .dir listing is hashed as raw bytes under both variants (it holds no CRLF).
        return id.isDir() ? HashAlgorithm.MD5 : id.algorithm();
    }

    private String hash(Path path, HashAlgorithm algorithm) {
        try {
            return hashers.get().hash(path, algorithm);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private void discard(Path path) {
        verified.forget(path);
        deleteQuietly(path);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a leftover temporary is removed by the next cleanStaleTemporaries
        }
    }
}
