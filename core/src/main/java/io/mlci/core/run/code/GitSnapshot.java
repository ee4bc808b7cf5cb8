package io.mlci.core.run.code;

import io.mlci.core.InvalidInputException;
import io.mlci.core.MlciException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.PathFilter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What git says about the code a training runs: the commit, whether the working tree differs from
 * it, and a content id for each declared code path. For a clean path the id is the tree (or blob)
 * id at HEAD; for a path with uncommitted changes it is the id that path would get if committed
 * now, so editing {@code train.py} without committing still changes the run key.
 */
public final class GitSnapshot implements AutoCloseable {

    private static final String DVC_DIRECTORY = ".dvc";

    private final Path root;
    private final Repository repository;
    private final Git git;

    private GitSnapshot(Path root, Repository repository) {
        this.root = root;
        this.repository = repository;
        this.git = new Git(repository);
    }

    public static GitSnapshot open(Path root) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(root.toFile());
        if (builder.getGitDir() == null) {
            throw new InvalidInputException(root.toString(), null,
                    "is not inside a git repository; mlci records the commit each training ran, so the code must be in git");
        }
        try {
            return new GitSnapshot(root, builder.setMustExist(true).build());
        } catch (IOException e) {
            throw new MlciException("cannot open the git repository at " + root + ": " + e.getMessage(), e);
        }
    }

    /** The commit checked out, or null in a repository without commits. */
    public String commit() {
        try {
            ObjectId head = repository.resolve(Constants.HEAD);
            return head == null ? null : head.name();
        } catch (IOException e) {
            throw new MlciException("cannot read HEAD of " + root + ": " + e.getMessage(), e);
        }
    }

    /** The checked-out branch, or null on a detached HEAD (as in most CI checkouts). */
    public String branch() {
        try {
            String full = repository.getFullBranch();
            return full != null && full.startsWith(Constants.R_HEADS) ? Repository.shortenRefName(full) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The URL of {@code origin}, or null. */
    public String originUrl() {
        return repository.getConfig().getString("remote", "origin", "url");
    }

    /** Commit time of HEAD as an ISO instant, or null. */
    public String commitTime() {
        String commit = commit();
        if (commit == null) {
            return null;
        }
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit parsed = walk.parseCommit(ObjectId.fromString(commit));
            return parsed.getAuthorIdent().getWhenAsInstant().toString();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Whether anything tracked differs from HEAD or an untracked file git does not ignore exists,
     * leaving out the excluded paths (the training's own outputs and metrics are expected to be
     * new after a run and say nothing about the code) and DVC's untracked state.
     */
    public boolean isDirty(List<String> excluded) {
        try {
            Status status = git.status().call();
            List<String> exclusions = excluded.stream().map(GitSnapshot::normalise).toList();
            java.util.stream.Stream<String> untracked = status.getUntracked().stream().filter(path -> !isDvcState(path));
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(status.getAdded(), status.getChanged(),
                            status.getRemoved(), status.getMissing(), status.getModified(), status.getConflicting())
                            .flatMap(java.util.Set::stream), untracked)
                    .anyMatch(path -> !isExcluded(path, exclusions));
        } catch (GitAPIException e) {
            throw new MlciException("cannot read git status of " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Content ids of the given repository-relative paths ("." = the whole tree), leaving out the
     * excluded paths. The id is what git would give the path's current content if it were
     * committed with the exclusions removed: equal content, equal id, committed or not.
     */
    public Map<String, String> contentIds(List<String> paths, List<String> excluded) {
        List<String> exclusions = excluded.stream().map(GitSnapshot::normalise).filter(p -> !p.isEmpty()).toList();
        Map<String, String> ids = new LinkedHashMap<>();
        for (String path : paths) {
            ids.put(path, workingId(path, normalise(path), exclusions));
        }
        return ids;
    }

    private static String normalise(String path) {
        String normal = path.replace('\\', '/');
        while (normal.startsWith("./")) {
            normal = normal.substring(2);
        }
        while (normal.endsWith("/")) {
            normal = normal.substring(0, normal.length() - 1);
        }
        return normal.equals(".") ? "" : normal;
    }

    /**
     * What mlci and DVC write under {@code .dvc/} without committing it: the cache and temporary
     * state a training creates in a repository that had no {@code .dvc/} (before its .gitignore
     * exists), and a config or .gitignore made for it. None of it is a training's input (the data
     * is pinned by the pointers' hashes), so it neither makes a run's source dirty nor changes its
     * code fingerprint; what the user committed under {@code .dvc/} still counts.
     */
    private static boolean isDvcState(String path) {
        return path.equals(DVC_DIRECTORY) || path.startsWith(DVC_DIRECTORY + "/");
    }

    private static boolean isExcluded(String path, List<String> exclusions) {
        for (String excluded : exclusions) {
            if (path.equals(excluded) || path.startsWith(excluded + "/")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Walks the index and the working tree together: tracked files as they are now plus untracked
     * files git does not ignore go into a throw-away index whose tree id is the answer. Files whose
     * stat data matches the index reuse the index's blob id instead of being read again.
     */
    private String workingId(String declared, String path, List<String> exclusions) {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        String prefix = path.isEmpty() ? "" : path + "/";
        boolean found = path.isEmpty();
        try (IdOnlyInserter inserter = new IdOnlyInserter(); TreeWalk walk = new TreeWalk(repository)) {
            int indexTree = walk.addTree(new DirCacheIterator(repository.readDirCache()));
            FileTreeIterator workingTree = new FileTreeIterator(repository);
            int workTree = walk.addTree(workingTree);
            workingTree.setDirCacheIterator(walk, indexTree);
            walk.setRecursive(false);
            if (!path.isEmpty()) {
                walk.setFilter(PathFilter.create(path));
            }
            while (walk.next()) {
                WorkingTreeIterator file = walk.getTree(workTree, WorkingTreeIterator.class);
                boolean tracked = walk.getTree(indexTree, DirCacheIterator.class) != null;
                String entryPath = walk.getPathString();
                if (file == null || (!tracked && (file.isEntryIgnored() || isDvcState(entryPath)))
                        || isExcluded(entryPath, exclusions)) {
                    continue;
                }
                found |= entryPath.equals(path) || entryPath.startsWith(prefix);
                if (walk.isSubtree()) {
                    walk.enterSubtree();
                    continue;
                }
                if (entryPath.equals(path)) {
                    return file.getEntryObjectId().name();
                }
                DirCacheEntry entry = new DirCacheEntry(entryPath.substring(prefix.length()));
                FileMode mode = file.getEntryFileMode();
                entry.setFileMode(mode == FileMode.EXECUTABLE_FILE || mode == FileMode.SYMLINK ? mode : FileMode.REGULAR_FILE);
                entry.setObjectId(file.getEntryObjectId());
                builder.add(entry);
            }
            if (!found) {
                throw missing(declared);
            }
            builder.finish();
            return index.writeTree(inserter).name();
        } catch (IOException e) {
            throw new MlciException("cannot hash the working tree of " + root + ": " + e.getMessage(), e);
        }
    }

    private InvalidInputException missing(String declared) {
        return new InvalidInputException("mlci.yaml", "train.code", "'" + declared
                + "' is neither committed nor present in the working tree of " + root);
    }

    @Override
    public void close() {
        git.close();
        repository.close();
    }
}
