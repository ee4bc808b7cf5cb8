package io.mlci.core.sweep;

import io.mlci.core.MlciException;
import io.mlci.core.config.MlciConfig;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.data.workspace.DataOptions;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.run.SiblingCheckout;
import io.mlci.core.run.params.ParamsOverride;
import io.mlci.core.storage.WorkspacePaths;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.TreeSet;

/**
 * The workspace one trial trains in: a checkout of the commit the user is on, with their
 * uncommitted edits laid over it (as {@code dvc exp run} trains what is in the workspace), the
 * data materialised from the shared cache, and the trial's params written into the params files.
 * Trials then run side by side without touching each other or the user's workspace, and a trial
 * whose inputs equal an earlier run's has that run's key.
 */
final class TrialWorkspace {

    private final Path repoRoot;
    private final SiblingCheckout sibling;
    private final String commit;
    private final String branch;
    private final Set<String> changed;
    private final Set<String> deleted;

    private TrialWorkspace(Path repoRoot, String commit, String branch, Set<String> changed, Set<String> deleted) {
        this.repoRoot = repoRoot;
        this.sibling = new SiblingCheckout(repoRoot);
        this.commit = commit;
        this.branch = branch;
        this.changed = changed;
        this.deleted = deleted;
    }

    /** Reads the workspace's commit, branch and uncommitted changes once for all trials. */
    static TrialWorkspace of(Path repoRoot) {
        Path root = repoRoot.toAbsolutePath().normalize();
        try (Git git = Git.open(root.toFile())) {
            Repository repository = git.getRepository();
            var head = repository.resolve("HEAD");
            if (head == null) {
                throw new MlciException(root + " has no commit yet; commit the training code before a sweep");
            }
            Status status = git.status().call();
            Set<String> changed = new TreeSet<>();
            changed.addAll(status.getModified());
            changed.addAll(status.getChanged());
            changed.addAll(status.getAdded());
            changed.addAll(status.getUntracked());
            Set<String> deleted = new TreeSet<>();
            deleted.addAll(status.getMissing());
            deleted.addAll(status.getRemoved());
            String branch = repository.getFullBranch() != null && repository.getFullBranch().startsWith("refs/heads/")
                    ? repository.getBranch() : null;
            return new TrialWorkspace(root, head.name(), branch, changed, deleted);
        } catch (IOException | GitAPIException e) {
            throw new MlciException("cannot read the git state of " + root + ": " + e.getMessage(), e);
        }
    }

    String commit() {
        return commit;
    }

    String branch() {
        return branch;
    }

    String store(String configured) {
        return sibling.store(configured);
    }

    /**
     * Creates the trial's workspace under {@code dir} (named after the repository, so records
     * name the same repository), its params overridden and its data in place.
     */
    Path create(Trial trial, Path dir, DataOptions data, Path cacheDir) {
        Path checkout = sibling.create(commit, branch, dir.resolve(repoRoot.getFileName().toString()));
        overlayUncommitted(checkout);
        MlciConfig config = MlciYaml.load(checkout);
        ParamsOverride.apply(checkout, config.train().params(), trial.overrides());
        try (DataWorkspace workspace = DataWorkspace.open(checkout, data.withCacheDir(cacheDir))) {
            // The shared cache already holds what the user's workspace has; a remote, when there
            // is one, supplies what it lacks (pointers the user changed but never pulled).
            if (config.data().remote() == null && workspace.defaultRemoteName().isEmpty()) {
                workspace.checkout(config.data().pointers(), true);
            } else {
                workspace.pull(config.data().remote(), config.data().pointers(), true);
            }
        }
        return checkout;
    }

    private void overlayUncommitted(Path checkout) {
        // the checkout holds the commit's own links: the edits are written beside them, never through them
        WorkspacePaths workspace = new WorkspacePaths(checkout);
        try {
            for (String path : changed) {
                Path source = repoRoot.resolve(path);
                Path target = checkout.resolve(path);
                if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                workspace.createDirectories(workspace.checkParents(target).getParent());
                // A link is copied as a link: what it points at is not the sweep's business.
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS,
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
            for (String path : deleted) {
                Files.deleteIfExists(workspace.checkParents(checkout.resolve(path)));
            }
        } catch (IOException e) {
            throw new MlciException("cannot copy uncommitted changes into " + checkout + ": " + e.getMessage(), e);
        }
    }
}
