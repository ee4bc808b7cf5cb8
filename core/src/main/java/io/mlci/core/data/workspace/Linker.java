package io.mlci.core.data.workspace;

import io.mlci.core.MlciException;
import io.mlci.core.progress.ProgressListener;
import io.mlci.core.storage.AtomicFiles;
import io.mlci.core.storage.WorkspacePaths;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Places cache objects into the workspace with the first link type that works, in the user's
 * order of preference. Each placement goes through a temporary name and an atomic rename, so a
 * workspace file is always either the old or the complete new content. A type that fails once
 * (no reflink support, cache on another file system) is not tried again in this run.
 */
public final class Linker {

    private static final FileAttribute<Set<PosixFilePermission>> REGULAR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"));
    private static final FileAttribute<Set<PosixFilePermission>> EXECUTABLE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"));

    private final List<LinkType> preference;
    private final ProgressListener progress;
    private final AtomicInteger firstWorking = new AtomicInteger(0);
    private final WorkspacePaths workspace;

    /** @param workspace the tree placed files go into: directories are created in it without following links */
    public Linker(List<LinkType> preference, ProgressListener progress, WorkspacePaths workspace) {
        this.preference = List.copyOf(preference);
        this.progress = progress;
        this.workspace = workspace;
    }

    /** The type used for the most recent placements (the first that worked). */
    public LinkType effectiveType() {
        return preference.get(Math.min(firstWorking.get(), preference.size() - 1));
    }

    /** Replaces {@code target} with the cache object's content. */
    public LinkType place(Path object, Path target, boolean executable) throws IOException {
        return place(object, target, executable, Files.notExists(target, LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * Like {@link #place(Path, Path, boolean)} for callers that already know whether the target
     * exists (a checkout has just listed the directory), saving a stat per file.
     */
    public LinkType place(Path object, Path target, boolean executable, boolean knownAbsent) throws IOException {
        return placeWithFallback(object, target, executable, false, knownAbsent);
    }

    /**
     * Places a file inside a staging directory that nobody else can see yet, where no name can
     * pre-exist and a half-written file is harmless: every type writes straight to the name.
     */
    public LinkType placeStaged(Path object, Path target, boolean executable) throws IOException {
        return placeWithFallback(object, target, executable, true, true);
    }

    /** Tries the preferred types in order; a type that fails is not tried again in this run. */
    private LinkType placeWithFallback(Path object, Path target, boolean executable, boolean staged, boolean absent)
            throws IOException {
        workspace.createDirectories(target.getParent());
        for (int i = firstWorking.get(); i < preference.size(); i++) {
            LinkType type = preference.get(i);
            if (attempt(type, object, target, executable, staged, absent)) {
                return type;
            }
            if (firstWorking.compareAndSet(i, i + 1) && i + 1 < preference.size()) {
                progress.note(type.name().toLowerCase() + " is not possible here; using "
                        + preference.get(i + 1).name().toLowerCase());
            }
        }
        throw new MlciException("cannot place " + target + " with any of the link types " + preference
                + "; add 'copy' to cache.type");
    }

    /**
     * One placement with one type. Straight to the name when nobody can see a partial result: in
     * a staging directory, or for a new name made by link(2)/symlink(2), which create it whole in
     * one step. Otherwise through a temporary beside the target and an atomic rename over it.
     */
    private boolean attempt(LinkType type, Path object, Path target, boolean executable, boolean staged,
                            boolean absent) throws IOException {
        boolean createsWhole = type == LinkType.HARDLINK || type == LinkType.SYMLINK;
        if (staged || (absent && createsWhole)) {
            try {
                if (tryLink(type, object, target, executable)) {
                    return true;
                }
                if (staged) {
                    Files.deleteIfExists(target); // whatever a failed attempt left in the stage
                }
                return false;
            } catch (FileAlreadyExistsException raced) {
                // someone created the name meanwhile: replace it atomically instead
            }
        }
        Path temp = AtomicFiles.tempBeside(target);
        try {
            if (tryLink(type, object, temp, executable)) {
                AtomicFiles.moveAtomically(temp, target, true);
                return true;
            }
            return false;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private boolean tryLink(LinkType type, Path object, Path temp, boolean executable) throws IOException {
        switch (type) {
            case HARDLINK -> {
                try {
                    Files.createLink(temp, object);
                    return true;
                } catch (FileAlreadyExistsException e) {
                    throw e;
                } catch (IOException | UnsupportedOperationException e) {
                    return false;
                }
            }
            case SYMLINK -> {
                try {
                    Files.createSymbolicLink(temp, object);
                    return true;
                } catch (FileAlreadyExistsException e) {
                    throw e;
                } catch (IOException | UnsupportedOperationException e) {
                    return false;
                }
            }
            case REFLINK -> {
                return reflink(object, temp, executable);
            }
            case COPY -> {
                copy(object, temp, executable);
                return true;
            }
            default -> throw new IllegalStateException("unknown link type " + type);
        }
    }

    /**
     * Java has no clone API, so reflinks go through {@code cp --reflink=always}, which fails
     * cleanly on file systems without copy-on-write. The first failure disables the type.
     */
    private static boolean reflink(Path object, Path temp, boolean executable) throws IOException {
        Process process = new ProcessBuilder("cp", "--reflink=always", object.toString(), temp.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        }
        if (process.exitValue() != 0) {
            return false;
        }
        makeWritable(temp, executable);
        return true;
    }

    /**
     * Creates the copy with its final permissions at once (no chmod) and lets the kernel move the
     * bytes (sendfile(2) through FileChannel.transferTo): no copy through a user buffer and no
     * read that only finds the end of the file. Cache objects are read-only and verified, so
     * the size read at open is the size to copy; a source that ends early is an error.
     */
    private static void copy(Path object, Path temp, boolean executable) throws IOException {
        FileAttribute<Set<PosixFilePermission>> mode = executable ? EXECUTABLE : REGULAR;
        try (FileChannel in = FileChannel.open(object, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), mode)) {
            long size = in.size();
            long copied = 0;
            while (copied < size) {
                long n = in.transferTo(copied, size - copied, out);
                if (n <= 0) {
                    throw new IOException(object + " ended after " + copied + " of " + size + " bytes while it was copied");
                }
                copied += n;
            }
        }
    }

    private static void makeWritable(Path file, boolean executable) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            file.toFile().setWritable(true);
        }
    }
}
