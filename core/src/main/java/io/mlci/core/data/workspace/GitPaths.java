package io.mlci.core.data.workspace;

import io.mlci.core.data.pointer.RepoPaths;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.PathFilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What git makes of a data path: whether its index tracks it, whether its ignore rules ignore
 * it. A path both in git's index and in the data cache would be committed twice and, once
 * listed in {@code .gitignore}, silently keep its old git copy; DVC refuses such an output
 * ("already tracked by SCM") and so does mlci.
 */
public final class GitPaths {

    private GitPaths() {
    }

    /**
     * The paths among {@code workspacePaths} (relative to {@code root}) that git's index holds,
     * as the path itself or as files under it; empty outside a git repository.
     */
    public static List<String> tracked(Path root, Collection<String> workspacePaths) {
        Path absoluteRoot = root.toAbsolutePath().normalize();
        if (workspacePaths.isEmpty()) {
            return List.of();
        }
        try (Repository repository = open(absoluteRoot)) {
            if (repository == null) {
                return List.of();
            }
            DirCache index = repository.readDirCache();
            List<String> tracked = new ArrayList<>();
            for (String path : workspacePaths) {
                String inGit = inWorkTree(repository, absoluteRoot.resolve(path));
                if (inGit != null && (index.findEntry(inGit) >= 0 || index.getEntriesWithin(inGit).length > 0)) {
                    tracked.add(path);
                }
            }
            return tracked;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the git index of " + absoluteRoot, e);
        }
    }

    /**
     * Whether git ignores {@code path} (an existing file or directory), by a rule for it or for a
     * directory above it, in any {@code .gitignore}, {@code .git/info/exclude} or the user's
     * excludes file; false outside a git repository.
     */
    public static boolean ignored(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try (Repository repository = open(absolute)) {
            String inGit = repository == null ? null : inWorkTree(repository, absolute);
            if (inGit == null) {
                return false;
            }
            try (TreeWalk walk = new TreeWalk(repository)) {
                walk.addTree(new FileTreeIterator(repository));
                walk.setFilter(PathFilter.create(inGit));
                // one level at a time: an ignored directory on the way ignores everything below it
                while (walk.next()) {
                    if (walk.getTree(0, WorkingTreeIterator.class).isEntryIgnored()) {
                        return true;
                    }
                    if (walk.getPathString().equals(inGit) || !walk.isSubtree()) {
                        return false;
                    }
                    walk.enterSubtree();
                }
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the git ignore rules for " + absolute, e);
        }
    }

    /** The git repository with a work tree that holds {@code dir}, or null. */
    private static Repository open(Path dir) throws IOException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(dir.toFile());
        if (builder.getGitDir() == null) {
            return null;
        }
        Repository repository = builder.setMustExist(true).build();
        if (repository.isBare()) {
            repository.close();
            return null;
        }
        return repository;
    }

    /** The path as git names it, or null when it is not strictly inside the work tree. */
    private static String inWorkTree(Repository repository, Path absolute) {
        Path workTree = repository.getWorkTree().toPath().toAbsolutePath().normalize();
        Path normal = absolute.normalize();
        return normal.startsWith(workTree) && !normal.equals(workTree) ? RepoPaths.posix(workTree, normal) : null;
    }

    /** What to tell the user about a path git tracks (after naming it), and how to hand it over to the data cache. */
    public static String trackedAdvice(String path) {
        return "is already tracked by git; stop tracking it there first:"
                + " git rm -r --cached '" + path + "' && git commit -m \"stop tracking " + path + "\"";
    }
}
