package io.mlci.core.storage;

import io.mlci.core.MlciException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one way mlci writes into a repository's working tree. A pull request's code can replace any
 * directory of the tree by a symbolic link to somewhere else, and a write that followed it would
 * land outside the repository. So every directory between the repository root and a file is
 * looked at without following links, missing ones are created one by one, and files are created
 * with no-follow semantics: a link mlci did not create is never passed through, and the error
 * names it and where it points. Checkout, pull, the run cache's restore and the training's own
 * files all come through here.
 */
public final class WorkspacePaths {

    private final Path root;
    /** Directories already seen to be real ones in this run: a checkout of many files asks once per directory. */
    private final Set<Path> realDirectories = ConcurrentHashMap.newKeySet();

    /** @param root the repository root; links above it are the administrator's, not the repository's */
    public WorkspacePaths(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public boolean contains(Path path) {
        return path.toAbsolutePath().normalize().startsWith(root);
    }

    /** Refuses when a directory between the root and {@code file} is a symbolic link; the file itself is not looked at. */
    public Path checkParents(Path file) {
        Path target = inside(file);
        Path parent = target.getParent();
        if (parent != null && !parent.equals(root) && parent.startsWith(root)) {
            walk(target, parent, false);
        }
        return target;
    }

    /** Refuses when the directory, or one between it and the root, is a symbolic link. */
    public Path checkDirectory(Path dir) {
        Path target = inside(dir);
        if (!target.equals(root)) {
            walk(target, target, false);
        }
        return target;
    }

    /** Creates the directory and its missing parents below the root, never through a link. */
    public Path createDirectories(Path dir) {
        Path target = inside(dir);
        if (!target.equals(root)) {
            walk(target, target, true);
        }
        return target;
    }

    /** Opens a new file for writing in a checked directory; an existing name, a planted link included, fails. */
    public OutputStream createFile(Path file) throws IOException {
        Path target = checkParents(file);
        createDirectories(target.getParent());
        return Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    /** Refuses when {@code path} itself is a symbolic link (a name mlci is about to write through or into). */
    public void refuseLink(Path path) {
        BasicFileAttributes attrs = attributes(path);
        if (attrs != null && attrs.isSymbolicLink()) {
            throw linkRefused(path, path);
        }
    }

    /** Checks (and with {@code create}, creates) each directory from the root down to {@code last}. */
    private void walk(Path target, Path last, boolean create) {
        if (realDirectories.contains(last)) {
            return;
        }
        Path relative = root.relativize(last);
        Path current = root;
        for (int i = 0; i < relative.getNameCount(); i++) {
            current = current.resolve(relative.getName(i));
            if (realDirectories.contains(current)) {
                continue;
            }
            BasicFileAttributes attrs = attributes(current);
            if (attrs == null) {
                if (!create) {
                    return; // nothing below a missing name can be a link yet
                }
                attrs = makeDirectory(target, current);
            }
            if (attrs.isSymbolicLink()) {
                throw linkRefused(target, current);
            }
            if (!attrs.isDirectory()) {
                if (!create) {
                    return; // not a directory: the write fails on its own, with the file system's message
                }
                throw new MlciException("cannot create " + relative(target) + ": " + relative(current)
                        + " exists and is not a directory");
            }
            realDirectories.add(current);
        }
    }

    private BasicFileAttributes makeDirectory(Path target, Path dir) {
        try {
            Files.createDirectory(dir); // mkdir(2) does not follow a link at the new name
        } catch (FileAlreadyExistsException raced) {
            // created meanwhile (another thread, or a link planted now): looked at below
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        BasicFileAttributes attrs = attributes(dir);
        if (attrs == null) {
            throw new MlciException("cannot create " + relative(target) + ": " + relative(dir) + " vanished while being created");
        }
        return attrs;
    }

    private Path inside(Path path) {
        Path target = path.toAbsolutePath().normalize();
        if (!target.startsWith(root)) {
            throw new MlciException("refusing to write " + target + ": it is outside the repository " + root);
        }
        return target;
    }

    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot inspect " + path, e);
        }
    }

    private MlciException linkRefused(Path target, Path link) {
        String to;
        try {
            to = Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            to = "(unreadable)";
        }
        return new MlciException("refusing to write " + relative(target) + ": " + relative(link)
                + " is a symbolic link to " + to + ", which mlci did not create; writes into the repository never pass "
                + "through links (remove it, or make it a real directory)");
    }

    private String relative(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(root) && !absolute.equals(root) ? root.relativize(absolute).toString() : absolute.toString();
    }
}
