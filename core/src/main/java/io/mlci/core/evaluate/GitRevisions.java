package io.mlci.core.evaluate;

import io.mlci.core.InvalidInputException;
import io.mlci.core.MlciException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads files at other revisions of the repository — the target branch's mlci.yaml, metrics or
 * params files committed at HEAD — and finds merge bases, all through JGit without touching the
 * working tree.
 */
public final class GitRevisions implements AutoCloseable {

    private final Repository repository;
    private final Path root;

    private GitRevisions(Repository repository, Path root) {
        this.repository = repository;
        this.root = root;
    }

    public static GitRevisions open(Path root) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(root.toFile());
        if (builder.getGitDir() == null) {
            throw new InvalidInputException(root.toString(), null, "is not inside a git repository");
        }
        try {
            return new GitRevisions(builder.setMustExist(true).build(), root);
        } catch (IOException e) {
            throw new MlciException("cannot open the git repository at " + root + ": " + e.getMessage(), e);
        }
    }

    /** A resolved revision: the name it was asked by and the commit. */
    public record Revision(String name, String commit) {
        public String shortCommit() {
            return commit.substring(0, Math.min(10, commit.length()));
        }
    }

    /**
     * Resolves a branch the way a CI checkout has it: {@code origin/NAME} first (the branch as
     * pushed, which a pull-request build may not have locally), then the local {@code NAME},
     * then any other revision expression git understands ({@code HEAD~1}, a commit id).
     */
    public Optional<Revision> resolve(String ref) {
        for (String candidate : List.of(Constants.R_REMOTES + "origin/" + ref, Constants.R_HEADS + ref, ref)) {
            try {
                ObjectId id = repository.resolve(candidate + "^{commit}");
                if (id != null) {
                    String name = candidate.startsWith(Constants.R_REMOTES) ? "origin/" + ref : ref;
                    return Optional.of(new Revision(name, id.name()));
                }
            } catch (IOException | RuntimeException e) {
                // not this form; try the next
            }
        }
        return Optional.empty();
    }

    /**
     * Resolves a revision as {@code git rev-parse} does ({@code HEAD} is this clone's HEAD,
     * {@code HEAD~3} counts back from it, {@code main} is the local branch), for diffs a user
     * asks for by name. Only a plain branch name that git cannot resolve at all falls back to
     * {@code origin/NAME}, and the label says so.
     */
    public Optional<Revision> revParse(String rev) {
        try {
            ObjectId id = repository.resolve(rev + "^{commit}");
            if (id != null) {
                return Optional.of(new Revision(rev, id.name()));
            }
        } catch (IOException | RuntimeException e) {
            // not a revision git understands; a branch only the remote has is tried below
        }
        if (!org.eclipse.jgit.lib.Repository.isValidRefName(Constants.R_HEADS + rev)) {
            return Optional.empty();
        }
        try {
            ObjectId id = repository.resolve(Constants.R_REMOTES + "origin/" + rev + "^{commit}");
            return id == null ? Optional.empty() : Optional.of(new Revision("origin/" + rev, id.name()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@link #revParse} or a message naming the revision. */
    public Revision requireRevision(String rev) {
        return revParse(rev).orElseThrow(() -> notFound(rev));
    }

    private InvalidInputException notFound(String ref) {
        return new InvalidInputException(ref, null,
                "is not a branch or revision of " + root + " (fetch it first: git fetch origin " + ref + ")");
    }

    public Revision require(String ref) {
        return resolve(ref).orElseThrow(() -> notFound(ref));
    }

    /** The file's content at the revision, or empty when it does not exist there. */
    public Optional<byte[]> read(Revision revision, String path) {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(revision.commit()));
            try (TreeWalk found = TreeWalk.forPath(repository, path, commit.getTree())) {
                if (found == null) {
                    return Optional.empty();
                }
                return Optional.of(repository.open(found.getObjectId(0)).getBytes());
            }
        } catch (IOException e) {
            throw new MlciException("cannot read " + path + " at " + revision.name() + ": " + e.getMessage(), e);
        }
    }

    public Optional<String> readText(Revision revision, String path) {
        return read(revision, path).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /** The merge base of two revisions, if they share history. */
    public Optional<String> mergeBase(String a, String b) {
        try (RevWalk walk = new RevWalk(repository)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(ObjectId.fromString(a)));
            walk.markStart(walk.parseCommit(ObjectId.fromString(b)));
            RevCommit base = walk.next();
            return base == null ? Optional.empty() : Optional.of(base.name());
        } catch (IOException e) {
            throw new MlciException("cannot compute the merge base of " + a + " and " + b + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        repository.close();
    }
}
