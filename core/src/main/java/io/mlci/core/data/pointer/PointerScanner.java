package io.mlci.core.data.pointer;

import io.mlci.core.storage.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the pointers committed in a repository: every {@code *.dvc} file and every
 * {@code dvc.lock} (with the flags its {@code dvc.yaml} declares). It skips {@code .git}, {@code .dvc}, {@code .dvcignore}d paths and the
 * directories that are themselves tracked by a sibling {@code X.dvc}, so scanning a repository
 * with a 100,000-file dataset does not walk the dataset.
 */
public final class PointerScanner {

    private PointerScanner() {
    }

    public static List<TrackedOutput> scan(Path root, DvcIgnore ignore) {
        List<TrackedOutput> outputs = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(root)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String name = dir.getFileName().toString();
                    if (name.equals(".git") || name.equals(".dvc") || name.equals(".mlci")
                            || Files.isRegularFile(dir.resolveSibling(name + ".dvc"))
                            || ignore.isIgnored(RepoPaths.posix(root, dir), true)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    String relative = RepoPaths.posix(root, file);
                    // A temporary of a pointer being written (or left by a killed writer) is not a pointer.
                    if (!attrs.isRegularFile() || AtomicFiles.isTemp(name) || ignore.isIgnored(relative, false)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (name.endsWith(".dvc") && name.length() > 4) {
                        for (Output out : DvcFile.read(root, file).outs()) {
                            outputs.add(new TrackedOutput(relative, null, TrackedOutput.Role.OUT, out));
                        }
                    } else if (name.equals("dvc.lock")) {
                        outputs.addAll(LockPointers.read(root, file));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + root + " for pointers", e);
        }
        return outputs;
    }
}
