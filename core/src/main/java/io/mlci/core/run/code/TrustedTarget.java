package io.mlci.core.run.code;

import io.mlci.core.InvalidInputException;
import io.mlci.core.MlciException;
import io.mlci.core.storage.FileTrees;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The target branch of a pull request as it was before the pull request's code ran: a commit id
 * pinned by the CI server, fetched afresh into a temporary bare repository. Nothing is read from
 * the build's own {@code .git}, which the pull request's code can rewrite (refs, packed-refs,
 * FETCH_HEAD, config, loose objects): the fetch transfers a pack whose every object is hashed
 * again on arrival, so a planted ref is never consulted and a planted object does not match its id.
 */
public final class TrustedTarget implements AutoCloseable {

    private static final String PINNED_REF = "refs/mlci/target";

    private final String branch;
    private final String commit;
    private final String source;
    private final Path dir;
    private final Repository repository;

    private TrustedTarget(String branch, String commit, String source, Path dir, Repository repository) {
        this.branch = branch;
        this.commit = commit;
        this.source = source;
        this.dir = dir;
        this.repository = repository;
    }

    /**
     * @param branch the target branch's name, for messages
     * @param commit the full commit id pinned before the pull request's code ran
     * @param source the repository to fetch from: a URL, or null for the build's own clone
     *               (read only through the fetch, which re-hashes what it receives)
     * @param root   the build's working tree, the fallback source
     */
    public static TrustedTarget fetch(String branch, String commit, String source, Path root) {
        checkCommitId(commit);
        String from = source != null && !source.isBlank() ? source : gitDir(root).toString();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("mlci-target");
            Repository repository;
            try (Git git = Git.init().setBare(true).setDirectory(dir.toFile()).call()) {
                NoBackgroundGc.apply(git.getRepository());
                fetchPinned(git, from, commit);
                repository = git.getRepository();
                repository.incrementOpen(); // kept open beyond the Git facade
            }
            if (!repository.getObjectDatabase().has(ObjectId.fromString(commit))) {
                repository.close();
                throw new MlciException("commit " + commit + " of " + branch + " is not in " + describe(from)
                        + "; the gate reads the rules and the baseline only at the commit pinned for the pull request");
            }
            return new TrustedTarget(branch, commit, from, dir, repository);
        } catch (GitAPIException | IOException | RuntimeException e) {
            FileTrees.deleteQuietly(dir);
            if (e instanceof MlciException mlci) {
                throw mlci;
            }
            throw new MlciException("cannot fetch the pinned target commit " + commit + " of " + branch + " from "
                    + describe(from) + ": " + e.getMessage() + " (the gate reads the rules and the baseline only from it)", e);
        }
    }

    /**
     * Asks for the commit itself; a server that only hands out what its refs advertise (git's
     * default) gets asked for its branches, and the commit must then be among what arrived. Which
     * refs brought it does not matter: it is read only by its id, and the pack it came in was
     * hashed object by object.
     */
    private static void fetchPinned(Git git, String from, String commit) throws GitAPIException, IOException {
        try {
            git.fetch().setRemote(from).setTagOpt(TagOpt.NO_TAGS).setRefSpecs(new RefSpec("+" + commit + ":" + PINNED_REF))
                    .call();
        } catch (GitAPIException | RuntimeException e) {
            // not served by id: fall back to the advertised branches below
        }
        if (!git.getRepository().getObjectDatabase().has(ObjectId.fromString(commit))) {
            git.fetch().setRemote(from).setTagOpt(TagOpt.NO_TAGS)
                    .setRefSpecs(new RefSpec("+refs/heads/*:refs/mlci/heads/*"),
                            new RefSpec("+refs/remotes/*:refs/mlci/remotes/*")).call();
        }
    }

    /** A full, lower-case commit id: an abbreviation could be made to mean another commit later. */
    public static String checkCommitId(String commit) {
        if (commit == null || !commit.matches("[0-9a-f]{40}")) {
            throw new InvalidInputException("--target-commit", null, "'" + commit
                    + "' is not a full commit id (40 hexadecimal digits)");
        }
        return commit;
    }

    private static Path gitDir(Path root) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(root.toFile());
        if (builder.getGitDir() == null) {
            throw new InvalidInputException(root.toString(), null, "is not inside a git repository");
        }
        return builder.getGitDir().toPath();
    }

    private static String describe(String from) {
        return from.contains("://") ? from : "the build's clone (" + from + ")";
    }

    public String branch() {
        return branch;
    }

    public String commit() {
        return commit;
    }

    public String shortCommit() {
        return commit.substring(0, 7);
    }

    /** Where it was fetched from, for messages. */
    public String source() {
        return describe(source);
    }

    /** The file's content at the pinned commit, or empty when it does not exist there. */
    public Optional<String> readText(String path) {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit pinned = walk.parseCommit(ObjectId.fromString(commit));
            try (TreeWalk found = TreeWalk.forPath(repository, path, pinned.getTree())) {
                if (found == null) {
                    return Optional.empty();
                }
                return Optional.of(new String(repository.open(found.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
            }
        } catch (MissingObjectException e) {
            throw new MlciException(path + " at " + branch + " (" + shortCommit() + ") did not arrive intact from " + source()
                    + ": object " + e.getObjectId().name() + " is missing or did not match its id; the gate does not judge "
                    + "by rules it cannot verify", e);
        } catch (IOException e) {
            throw new MlciException("cannot read " + path + " at " + branch + " (" + shortCommit() + "): " + e.getMessage(), e);
        }
    }

    /**
     * Writes the pinned commit's files into {@code destination}, an empty directory the caller
     * created: a checkout with no {@code .git}, for running the target's own code. Executable
     * files stay executable; links are created as committed (the target's tree is trusted);
     * submodules are left out.
     */
    public void exportTo(Path destination) {
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(walk.parseCommit(ObjectId.fromString(commit)).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                FileMode mode = tree.getFileMode(0);
                if (mode == FileMode.GITLINK) {
                    continue;
                }
                Path file = destination.resolve(tree.getPathString());
                Files.createDirectories(file.getParent());
                byte[] content = repository.open(tree.getObjectId(0)).getBytes();
                if (mode == FileMode.SYMLINK) {
                    Files.createSymbolicLink(file, Path.of(new String(content, StandardCharsets.UTF_8)));
                    continue;
                }
                Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                if (mode == FileMode.EXECUTABLE_FILE) {
                    file.toFile().setExecutable(true);
                }
            }
        } catch (MissingObjectException e) {
            throw new MlciException(branch + " (" + shortCommit() + ") did not arrive intact from " + source() + ": object "
                    + e.getObjectId().name() + " is missing or did not match its id", e);
        } catch (IOException e) {
            throw new MlciException("cannot check out " + branch + " (" + shortCommit() + ") into " + destination + ": "
                    + e.getMessage(), e);
        }
    }

    /** Whether the commit is the pinned one or one of its ancestors: a run of it may be a baseline. */
    public boolean contains(String other) {
        if (other == null || !other.matches("[0-9a-f]{40}")) {
            return false;
        }
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectId id = ObjectId.fromString(other);
            if (!repository.getObjectDatabase().has(id)) {
                return false;
            }
            return walk.isMergedInto(walk.parseCommit(id), walk.parseCommit(ObjectId.fromString(commit)));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        repository.close();
        FileTrees.deleteQuietly(dir);
    }
}
