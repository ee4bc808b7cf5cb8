package io.mlci.core.run;

import io.mlci.core.InvalidInputException;
import io.mlci.core.MlciException;
import io.mlci.core.data.pointer.DvcConfig;
import io.mlci.core.data.pointer.RemoteConfig;
import io.mlci.core.run.code.NoBackgroundGc;
import io.mlci.core.run.store.RunStores;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A second checkout of a repository beside the original, for trainings that must not touch the
 * user's workspace (a rerun of an old commit, the trials of a sweep). It records into the
 * original's run store, reads its data remotes the same way, and names the same repository.
 */
public final class SiblingCheckout {

    private final Path repoRoot;

    public SiblingCheckout(Path repoRoot) {
        this.repoRoot = repoRoot.toAbsolutePath().normalize();
    }

    /**
     * Clones the repository into {@code checkout} (empty or absent) at {@code commit}; on
     * {@code branch} when given, so records name the branch the original is on.
     */
    public Path create(String commit, String branch, Path checkout) {
        Path dir = checkout.toAbsolutePath().normalize();
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new InvalidInputException(dir.toString(), null, "is not empty; give an empty or new directory");
                    }
                }
            }
            try (Git git = Git.cloneRepository().setURI(repoRoot.toUri().toString()).setDirectory(dir.toFile())
                    .setNoCheckout(true).call()) {
                // the clone's own fetch may still have started one; the next fetches of the checkout will not
                NoBackgroundGc.apply(git.getRepository());
                if (branch != null) {
                    onBranch(git, branch, commit);
                } else {
                    git.checkout().setName(commit).call();
                }
                keepOrigin(git);
            }
            Path local = repoRoot.resolve(".dvc").resolve("config.local");
            if (Files.isRegularFile(local)) {
                Files.createDirectories(dir.resolve(".dvc"));
                Files.copy(local, dir.resolve(".dvc").resolve("config.local"));
            }
        } catch (GitAPIException e) {
            throw new MlciException("cannot check out commit " + commit + " of " + repoRoot + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MlciException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
        pinRelativeRemotes(dir);
        return dir;
    }

    /** HEAD on {@code branch} (the clone may have made it already, at another commit), files at {@code commit}. */
    private static void onBranch(Git git, String branch, String commit) throws GitAPIException, IOException {
        Repository repository = git.getRepository();
        if (repository.exactRef(Constants.R_HEADS + branch) == null) {
            git.branchCreate().setName(branch).setStartPoint(commit).call();
        }
        repository.updateRef(Constants.HEAD).link(Constants.R_HEADS + branch);
        git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit).call();
    }

    /** The run store the original records into, made absolute so the checkout records there too. */
    public String store(String configured) {
        if (configured == null) {
            return repoRoot.resolve(RunStores.DEFAULT_DIR).toString();
        }
        return configured.contains("://") ? configured : repoRoot.resolve(configured).normalize().toString();
    }

    /**
     * The clone's origin is the original checkout; records name the repository by its origin, so
     * the clone takes the original's origin URL, or none when the original has none.
     */
    private void keepOrigin(Git clone) throws IOException {
        String originUrl;
        try (Git original = Git.open(repoRoot.toFile())) {
            originUrl = original.getRepository().getConfig().getString("remote", "origin", "url");
        }
        StoredConfig config = clone.getRepository().getConfig();
        if (originUrl == null) {
            config.unsetSection("remote", "origin");
        } else {
            config.setString("remote", "origin", "url", originUrl);
        }
        config.save();
    }

    /**
     * A remote the committed config names by a relative local path means a directory next to the
     * original checkout; the sibling lives elsewhere, so its config.local points there.
     */
    private void pinRelativeRemotes(Path checkout) {
        Path dvcDir = repoRoot.resolve(".dvc");
        if (!Files.isDirectory(dvcDir)) {
            return;
        }
        DvcConfig config = DvcConfig.load(dvcDir);
        for (String name : config.remoteNames()) {
            RemoteConfig remote = config.remote(name);
            String url = remote.url();
            if (!url.contains("://") && !Path.of(url).isAbsolute()) {
                DvcConfig.overrideRemoteUrlLocally(checkout.resolve(".dvc"), name,
                        remote.baseDir().resolve(url).normalize().toString());
            }
        }
    }
}
