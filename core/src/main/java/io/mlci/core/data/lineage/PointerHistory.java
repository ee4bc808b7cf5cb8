package io.mlci.core.data.lineage;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers "which commit last changed this pointer file" from the git history (JGit), so every
 * data version can be traced to the commit, author and date that introduced it. Outside a git
 * repository, or for an uncommitted pointer, there is no answer.
 */
public final class PointerHistory implements AutoCloseable {

    private final Repository repository;
    private final Path workTree;
    private final Map<String, Optional<CommitInfo>> cache = new ConcurrentHashMap<>();

    private PointerHistory(Repository repository) {
        this.repository = repository;
        this.workTree = repository == null ? null : repository.getWorkTree().toPath().toAbsolutePath().normalize();
    }

    /** A history that answers nothing: for callers that need the workspace state fast, without lineage. */
    public static PointerHistory none() {
        return new PointerHistory(null);
    }

    /** Opens the git repository containing {@code dir}, if there is one. */
    public static PointerHistory open(Path dir) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(dir.toFile());
        if (builder.getGitDir() == null) {
            return new PointerHistory(null);
        }
        try {
            return new PointerHistory(builder.setMustExist(true).build());
        } catch (IOException e) {
            return new PointerHistory(null);
        }
    }

    public boolean inGitRepository() {
        return repository != null;
    }

    /** The last commit reachable from HEAD that changed the file. */
    public Optional<CommitInfo> lastChange(Path file) {
        if (repository == null) {
            return Optional.empty();
        }
        Path absolute = file.toAbsolutePath().normalize();
        if (!absolute.startsWith(workTree)) {
            return Optional.empty();
        }
        String path = workTree.relativize(absolute).toString().replace('\\', '/');
        return cache.computeIfAbsent(path, this::find);
    }

    private Optional<CommitInfo> find(String path) {
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectId head = repository.resolve(Constants.HEAD);
            if (head == null) {
                return Optional.empty();
            }
            walk.markStart(walk.parseCommit(head));
            walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(path), TreeFilter.ANY_DIFF));
            RevCommit commit = walk.next();
            if (commit == null) {
                return Optional.empty();
            }
            PersonIdent author = commit.getAuthorIdent();
            return Optional.of(new CommitInfo(commit.getName(), author.getName(), author.getEmailAddress(),
                    author.getWhenAsInstant(), commit.getShortMessage()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        if (repository != null) {
            repository.close();
        }
    }
}
