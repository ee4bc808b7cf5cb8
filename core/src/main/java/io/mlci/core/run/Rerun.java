package io.mlci.core.run;

import io.mlci.core.InvalidInputException;
import io.mlci.core.MlciException;
import io.mlci.core.config.MlciConfig;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.run.params.ParamsOverride;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.RunStores;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Trains again with a recorded run's exact inputs: a fresh checkout of its commit, the data its
 * pointers name (from the shared cache, else the remote), its params with optional overrides,
 * recorded into the same store. It always trains: a rerun is asked for to see the training
 * happen again, not to be told it already did.
 */
public final class Rerun {

    private final Path repoRoot;
    private final TrainOptions options;

    public Rerun(Path repoRoot, TrainOptions options) {
        this.repoRoot = repoRoot.toAbsolutePath().normalize();
        this.options = options;
    }

    /**
     * @param dir       an empty or absent directory for the checkout
     * @param overrides params to change, dotted name -> value as YAML
     */
    public TrainOutcome rerun(RunRecord run, Path dir, Map<String, String> overrides) {
        if (run.source().commit() == null) {
            throw new InvalidInputException(run.id(), "source.commit", "the run has no commit to check out");
        }
        if (run.source().dirty()) {
            options.say().accept("run " + run.id() + " was trained from uncommitted changes; the rerun uses commit "
                    + run.source().commit() + " as committed");
        }
        Path checkout = dir.toAbsolutePath().normalize();
        clone(run.source().commit(), checkout);
        Path cacheDir;
        String store;
        pinRelativeRemotes(checkout);
        try (DataWorkspace original = DataWorkspace.open(repoRoot, options.data())) {
            cacheDir = original.cache().cacheDir();
            MlciConfig config = MlciYaml.load(repoRoot);
            store = storeOf(RunStores.locate(options.store(), config.store(), options.environment()));
        }
        MlciConfig config = MlciYaml.load(checkout);
        ParamsOverride.apply(checkout, config.train().params(), overrides);
        try (DataWorkspace data = DataWorkspace.open(checkout, options.data().withCacheDir(cacheDir))) {
            data.pull(config.data().remote(), config.data().pointers(), true);
        }
        options.say().accept("rerunning " + run.id() + " in " + checkout);
        return new Trainer(checkout, options.withStore(store).withForce(true)).train();
    }

    /**
     * A remote the committed config names by a relative local path means a directory next to the
     * original checkout; the rerun's checkout lives elsewhere, so its config.local points there.
     */
    private void pinRelativeRemotes(Path checkout) {
        Path dvcDir = repoRoot.resolve(".dvc");
        if (!Files.isDirectory(dvcDir)) {
            return;
        }
        io.mlci.core.data.pointer.DvcConfig config = io.mlci.core.data.pointer.DvcConfig.load(dvcDir);
        for (String name : config.remoteNames()) {
            io.mlci.core.data.pointer.RemoteConfig remote = config.remote(name);
            String url = remote.url();
            if (!url.contains("://") && !Path.of(url).isAbsolute()) {
                io.mlci.core.data.pointer.DvcConfig.overrideRemoteUrlLocally(checkout.resolve(".dvc"), name,
                        remote.baseDir().resolve(url).normalize().toString());
            }
        }
    }

    /** The original's store, made absolute so the checkout records into the same one. */
    private String storeOf(String configured) {
        if (configured == null) {
            return repoRoot.resolve(RunStores.DEFAULT_DIR).toString();
        }
        return configured.contains("://") ? configured : repoRoot.resolve(configured).normalize().toString();
    }

    private void clone(String commit, Path checkout) {
        try {
            if (Files.exists(checkout) && Files.list(checkout).findAny().isPresent()) {
                throw new InvalidInputException(checkout.toString(), null, "is not empty; give an empty or new directory");
            }
            try (Git git = Git.cloneRepository().setURI(repoRoot.toUri().toString()).setDirectory(checkout.toFile())
                    .setNoCheckout(true).call()) {
                git.checkout().setName(commit).call();
            }
            Path local = repoRoot.resolve(".dvc").resolve("config.local");
            if (Files.isRegularFile(local)) {
                Files.createDirectories(checkout.resolve(".dvc"));
                Files.copy(local, checkout.resolve(".dvc").resolve("config.local"));
            }
        } catch (GitAPIException e) {
            throw new MlciException("cannot check out commit " + commit + " of " + repoRoot + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MlciException("cannot prepare " + checkout + ": " + e.getMessage(), e);
        }
    }
}
