package io.mlci.core.data.workspace;

import io.mlci.core.data.pointer.RepoPaths;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.errors.NoWorkTreeException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which data paths git already tracks. A path both in git's index and in the data cache would be
 * committed twice and, once listed in {@code .gitignore}, silently keep its old git copy; DVC
 * refuses such an output ("already tracked by SCM") and so does mlci.
 */
public final class GitTracked {

    private GitTracked() {
    }

    /**
     * The paths among {@code workspacePaths} (relative to {@code root}) that git's index holds,
     * as the path itself or as files under it; empty outside a git repository.
     */
    public static List<String> among(Path root, Collection<String> workspacePaths) {
        Path absoluteRoot = root.toAbsolutePath().normalize();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(absoluteRoot.toFile());
        if (builder.getGitDir() == null || workspacePaths.isEmpty()) {
            return List.of();
        }
        try (Repository repository = builder.setMustExist(true).build()) {
            if (repository.isBare()) {
                return List.of();
            }
            Path workTree = repository.getWorkTree().toPath().toAbsolutePath().normalize();
            DirCache index = repository.readDirCache();
            List<String> tracked = new ArrayList<>();
            for (String path : workspacePaths) {
                Path absolute = absoluteRoot.resolve(path).normalize();
                if (!absolute.startsWith(workTree) || absolute.equals(workTree)) {
                    continue;
                }
                String inGit = RepoPaths.posix(workTree, absolute);
                if (index.findEntry(inGit) >= 0 || index.getEntriesWithin(inGit).length > 0) {
                    tracked.add(path);
                }
            }
            return tracked;
        } catch (NoWorkTreeException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the git index of " + absoluteRoot, e);
        }
    }

    /** What to tell the user about a path git tracks, and how to hand it over to the data cache. */
    public static String advice(String path) {
        return "'" + path + "' is already tracked by git; stop tracking it there first:"
                + " git rm -r --cached '" + path + "' && git commit -m \"stop tracking " + path + "\"";
    }
}
