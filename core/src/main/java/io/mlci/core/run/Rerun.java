package io.mlci.core.run;

import io.mlci.core.InvalidInputException;
import io.mlci.core.config.MlciConfig;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.run.params.ParamsOverride;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.RunStores;

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
        SiblingCheckout sibling = new SiblingCheckout(repoRoot);
        Path checkout = sibling.create(run.source().commit(), null, dir);
        Path cacheDir;
        String store;
        try (DataWorkspace original = DataWorkspace.open(repoRoot, options.data())) {
            cacheDir = original.cache().cacheDir();
            MlciConfig config = MlciYaml.load(repoRoot);
            store = sibling.store(RunStores.locate(options.store(), config.store(), options.environment()));
        }
        MlciConfig config = MlciYaml.load(checkout);
        ParamsOverride.apply(checkout, config.train().params(), overrides);
        try (DataWorkspace data = DataWorkspace.open(checkout, options.data().withCacheDir(cacheDir))) {
            data.pull(config.data().remote(), config.data().pointers(), true);
        }
        options.say().accept("rerunning " + run.id() + " in " + checkout);
        return new Trainer(checkout, options.withStore(store).withForce(true)).train();
    }
}
