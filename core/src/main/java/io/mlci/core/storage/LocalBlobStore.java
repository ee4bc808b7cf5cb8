package io.mlci.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A blob store in a local (or mounted network) directory; keys map to relative paths. */
public final class LocalBlobStore implements BlobStore {

    private final Path root;

    public LocalBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path pathOf(String key) {
        return root.resolve(Keys.require(key));
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public InputStream open(String key) {
        try {
            return Files.newInputStream(pathOf(key));
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(describe(), key);
        } catch (IOException e) {
            throw new StorageException(describe() + ": cannot read '" + key + "': " + e.getMessage(), false, e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(pathOf(key));
    }

    @Override
    public void put(String key, Path source) {
        try {
            AtomicFiles.copy(source, pathOf(key));
        } catch (IOException e) {
            throw new StorageException(describe() + ": cannot write '" + key + "': " + e.getMessage(), false, e);
        }
    }

    @Override
    public void put(String key, byte[] content) {
        try {
            AtomicFiles.write(pathOf(key), content);
        } catch (IOException e) {
            throw new StorageException(describe() + ": cannot write '" + key + "': " + e.getMessage(), false, e);
        }
    }

    @Override
    public boolean putIfAbsent(String key, byte[] content) {
        try {
            Path target = pathOf(key);
            return AtomicFiles.createIfAbsent(target, content)
                    || java.util.Arrays.equals(Files.readAllBytes(target), content); // an identical retried create
        } catch (IOException e) {
            throw new StorageException(describe() + ": cannot write '" + key + "': " + e.getMessage(), false, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(pathOf(key));
        } catch (java.io.IOException e) {
            throw new StorageException(describe() + ": cannot remove '" + key + "': " + e.getMessage(), false, e);
        }
    }

    /** The directories one level below: a folder left empty by removed blobs may be named too. */
    @Override
    public List<String> listFolders(String folder) {
        Path dir = folder.isEmpty() ? root : root.resolve(folder);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(entry -> Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS))
                    .map(entry -> entry.getFileName().toString()).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return keys;
        }
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !AtomicFiles.isTemp(file.getFileName().toString())) {
                        String key = root.relativize(file).toString().replace('\\', '/');
                        if (key.startsWith(prefix)) {
                            keys.add(key);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                /**
                 * Other processes write here at the same time: a temporary that was renamed or
                 * removed between listing the directory and reading its attributes is not a key.
                 */
                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof java.nio.file.NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (java.nio.file.NoSuchFileException e) {
            return keys; // the directory itself went away mid-walk
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + start, e);
        }
        return keys;
    }
}
