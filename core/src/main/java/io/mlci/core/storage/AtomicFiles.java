package io.mlci.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that an interrupted write is never visible: bytes go to a temporary file in
 * the target's directory, are forced to disk, and the temporary file is renamed over the target.
 *
 * <p>Temporary names carry the writing process's pid ({@code .mlci-tmp-<pid>-<random>-<name>}),
 * so a later process can tell the leftovers of a killed writer from the files of a live one.
 */
public final class AtomicFiles {

    public static final String TEMP_MARKER = ".mlci-tmp-";
    private static final long PID = ProcessHandle.current().pid();

    private AtomicFiles() {
    }

    /** A fresh temporary path beside {@code target}. */
    public static Path tempBeside(Path target) {
        String name = target.getFileName().toString();
        if (name.length() > 100) {
            name = name.substring(0, 100);
        }
        String random = Long.toHexString(ThreadLocalRandom.current().nextLong());
        return target.resolveSibling(TEMP_MARKER + PID + "-" + random + "-" + name);
    }

    /** Whether a file name is one of our temporaries. */
    public static boolean isTemp(String fileName) {
        return fileName.startsWith(TEMP_MARKER);
    }

    /** Whether a temporary file was left behind by a process that no longer runs. */
    public static boolean isStaleTemp(String fileName) {
        if (!isTemp(fileName)) {
            return false;
        }
        String rest = fileName.substring(TEMP_MARKER.length());
        int dash = rest.indexOf('-');
        if (dash <= 0) {
            return true;
        }
        try {
            long pid = Long.parseLong(rest.substring(0, dash));
            return pid != PID && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** Fills a temporary file; {@link #replace} and {@link #createIfAbsent} make it visible. */
    @FunctionalInterface
    private interface Filler {
        void fill(Path temp) throws IOException;
    }

    /** Writes the bytes to {@code target} atomically, replacing it. */
    public static void write(Path target, byte[] content) throws IOException {
        replace(target, temp -> writeBytes(temp, content));
    }

    /** Copies a file to {@code target} atomically, replacing it. */
    public static void copy(Path source, Path target) throws IOException {
        replace(target, temp -> Files.copy(source, temp));
    }

    /** Streams to {@code target} atomically, replacing it. */
    public static void write(Path target, InputStream in) throws IOException {
        replace(target, temp -> Files.copy(in, temp));
    }

    /**
     * Creates {@code target} with the bytes only if it does not exist. A hard link is used as the
     * commit step because link(2), unlike rename(2), fails when the name is taken.
     */
    public static boolean createIfAbsent(Path target, byte[] content) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        if (Files.exists(target)) {
            return false;
        }
        Path temp = tempBeside(target);
        try {
            writeBytes(temp, content);
            force(temp);
            Files.createLink(target, temp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** temp file beside the target, filled, forced to disk, renamed over the target. */
    private static void replace(Path target, Filler filler) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path temp = tempBeside(target);
        try {
            filler.fill(temp);
            force(temp);
            moveAtomically(temp, target, true);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void writeBytes(Path temp, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    /** fsync; a read-only descriptor is enough on Linux and works on read-only files. */
    public static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    public static void moveAtomically(Path from, Path to, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename atomically from " + from + " to " + to
                    + " (different file systems?)", e);
        }
    }

    /**
     * Deletes the temporaries in {@code dir} whose writing process is gone (killed mid-write),
     * including staging directories; returns how many. Best effort: a temporary that cannot be
     * removed is ignored by every reader anyway.
     */
    public static int removeStaleTemporaries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
                p -> isStaleTemp(p.getFileName().toString()))) {
            for (Path entry : entries) {
                try {
                    if (Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        FileTrees.delete(entry);
                    } else {
                        Files.deleteIfExists(entry);
                    }
                    removed++;
                } catch (IOException e) {
                    // another process may be removing it too
                }
            }
        } catch (IOException e) {
            // an unreadable directory holds nothing we could remove
        }
        return removed;
    }

    /**
     * Deletes, anywhere under {@code tree}, the temporaries a given process left (its pid in their
     * names) that were last written no later than {@code lastSeen}: that process is known to be
     * gone. The time bound keeps the temporaries of a live process that happens to have the same
     * pid on another machine sharing the directory. Links are not followed. Returns how many.
     */
    public static int removeTemporariesOf(Path tree, long pid, java.time.Instant lastSeen) {
        if (!Files.isDirectory(tree, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        String prefix = TEMP_MARKER + pid + "-";
        java.nio.file.attribute.FileTime bound = java.nio.file.attribute.FileTime.from(lastSeen);
        int[] removed = {0};
        try {
            Files.walkFileTree(tree, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult preVisitDirectory(Path dir,
                                                                       java.nio.file.attribute.BasicFileAttributes attrs) {
                    if (!dir.equals(tree) && isTheirs(dir, attrs)) {
                        FileTrees.deleteQuietly(dir);
                        removed[0]++;
                        return java.nio.file.FileVisitResult.SKIP_SUBTREE;
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
                    if (isTheirs(file, attrs)) {
                        try {
                            Files.deleteIfExists(file);
                            removed[0]++;
                        } catch (IOException e) {
                            // left for the next sweep; every reader skips temporaries anyway
                        }
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                    return java.nio.file.FileVisitResult.CONTINUE; // renamed or removed meanwhile by its writer
                }

                private boolean isTheirs(Path path, java.nio.file.attribute.BasicFileAttributes attrs) {
                    return path.getFileName().toString().startsWith(prefix) && attrs.lastModifiedTime().compareTo(bound) <= 0;
                }
            });
        } catch (IOException e) {
            // an unreadable directory holds nothing we could remove
        }
        return removed[0];
    }
}
