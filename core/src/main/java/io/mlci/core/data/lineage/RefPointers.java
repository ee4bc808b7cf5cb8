package io.mlci.core.data.lineage;

import io.mlci.core.MlciException;
import io.mlci.core.data.pointer.PointerObjects;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.OrTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The data objects that git refs name: what every branch, tag and remote-tracking branch (and
 * HEAD) points at, read from the {@code .dvc} files and {@code dvc.lock} files committed there —
 * or, with history, at every commit reachable from them. Garbage collection keeps all of these.
 */
public final class RefPointers {

    /** Pointers are small; a larger blob under a pointer's name is not one. */
    private static final long MAX_POINTER_BYTES = 4L * 1024 * 1024;

    private RefPointers() {
    }

    /** Empty outside a git repository. */
    public static Set<io.mlci.core.data.hash.ObjectId> named(Path dir, boolean history) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(dir.toFile());
        if (builder.getGitDir() == null) {
            return Set.of();
        }
        try (Repository repository = builder.setMustExist(true).build(); RevWalk walk = new RevWalk(repository)) {
            Set<RevCommit> commits = new LinkedHashSet<>();
            for (Ref ref : repository.getRefDatabase().getRefs()) {
                addCommit(walk, ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId(), commits);
            }
            addCommit(walk, repository.resolve(Constants.HEAD), commits);
            if (history && !commits.isEmpty()) {
                walk.markStart(commits);
                for (RevCommit commit : walk) {
                    commits.add(commit);
                }
            }
            return pointersIn(repository, commits);
        } catch (IOException e) {
            throw new MlciException("cannot read the git refs of " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void addCommit(RevWalk walk, ObjectId id, Set<RevCommit> commits) throws IOException {
        if (id == null) {
            return;
        }
        try {
            commits.add(walk.parseCommit(id));
        } catch (IncorrectObjectTypeException e) {
            // a tag of a tree or a blob names no commit
        }
    }

    private static Set<io.mlci.core.data.hash.ObjectId> pointersIn(Repository repository, Set<RevCommit> commits)
            throws IOException {
        Set<io.mlci.core.data.hash.ObjectId> named = new LinkedHashSet<>();
        Set<AnyObjectId> seen = new HashSet<>();
        for (RevCommit commit : commits) {
            try (TreeWalk tree = new TreeWalk(repository)) {
                tree.addTree(commit.getTree());
                tree.setRecursive(true);
                tree.setFilter(OrTreeFilter.create(PathSuffixFilter.create(".dvc"), PathSuffixFilter.create("dvc.lock")));
                while (tree.next()) {
                    ObjectId blob = tree.getObjectId(0);
                    if (!seen.add(blob.copy())) {
                        continue;
                    }
                    ObjectLoader loader = repository.open(blob);
                    if (loader.getType() == Constants.OBJ_BLOB && loader.getSize() <= MAX_POINTER_BYTES) {
                        named.addAll(PointerObjects.named(loader.getBytes(), tree.getPathString()));
                    }
                }
            }
        }
        return named;
    }
}
