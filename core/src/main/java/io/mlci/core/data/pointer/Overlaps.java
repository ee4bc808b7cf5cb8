package io.mlci.core.data.pointer;

import io.mlci.core.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Refuses to track a path that overlaps one already tracked — the same path in another pointer,
 * a path inside a tracked directory, or a directory holding tracked paths — as DVC refuses
 * overlapping outputs: two pointers would each claim the same files and disagree about them.
 */
public final class Overlaps {

    private Overlaps() {
    }

    /**
     * @param path    the path to track, relative to the root, '/' separators
     * @param pointer the pointer file that will track it, relative to the root
     */
    public static void requireNone(Path root, DvcIgnore ignore, String path, String pointer) {
        for (Path dir = root.resolve(path).getParent(); dir != null && dir.startsWith(root) && !dir.equals(root);
                dir = dir.getParent()) {
            // The scan below skips a directory tracked by a sibling X.dvc, so look for those directly.
            Path sibling = dir.resolveSibling(dir.getFileName() + ".dvc");
            String tracked = RepoPaths.posix(root, dir);
            if (Files.isRegularFile(sibling) && DvcFile.read(root, sibling).outs().stream()
                    .anyMatch(out -> out.workspacePath().equals(tracked))) {
                throw overlap(path, pointer, tracked, RepoPaths.posix(root, sibling));
            }
        }
        for (TrackedOutput other : PointerScanner.scan(root, ignore)) {
            String tracked = other.output().workspacePath();
            boolean samePointer = other.pointer().equals(pointer);
            if (other.role() == TrackedOutput.Role.OUT && !samePointer
                    && (tracked.equals(path) || tracked.startsWith(path + "/") || path.startsWith(tracked + "/"))) {
                throw overlap(path, pointer, tracked, other.source());
            }
        }
        requireNoPointerInside(root, path, pointer);
    }

    /** Pointer files inside a directory that is already tracked were skipped by the scan. */
    private static void requireNoPointerInside(Path root, String path, String pointer) {
        Path dir = root.resolve(path);
        if (!Files.isDirectory(dir) || !Files.isRegularFile(root.resolve(pointer))) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".dvc") && Files.isRegularFile(f)).findFirst()
                    .ifPresent(inner -> {
                        String tracked = DvcFile.read(root, inner).outs().stream().map(Output::workspacePath)
                                .findFirst().orElse(RepoPaths.posix(root, inner));
                        throw overlap(path, pointer, tracked, RepoPaths.posix(root, inner));
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static InvalidInputException overlap(String path, String pointer, String tracked, String trackedBy) {
        return new InvalidInputException(pointer, null, "cannot track " + path + ": it overlaps " + tracked
                + ", already tracked by " + trackedBy + ". Outputs must not contain one another (DVC refuses them "
                + "too): track one or the other. Nothing was changed.");
    }
}
