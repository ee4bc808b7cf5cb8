package io.mlci.cli.review;

import io.mlci.cli.MlciCommand;
import io.mlci.core.evaluate.Evaluation;
import io.mlci.core.evaluate.EvaluationOptions;
import io.mlci.core.evaluate.EvaluationResult;
import picocli.CommandLine.Option;

/** Options shared by the commands that judge a run against its baseline (gate, report). */
public final class ReviewOptions {

    @Option(names = "--store", paramLabel = "LOCATION", description = "Run store (default: 'store' in mlci.yaml, else .mlci/).")
    String store;

    @Option(names = "--run", paramLabel = "RUN", description = "The run to judge (default: the newest successful run of HEAD).")
    String run;

    @Option(names = "--base", paramLabel = "BASELINE",
            description = "target-branch, merge-base, run:ID or none (default: gate.baseline in mlci.yaml).")
    String base;

    @Option(names = "--target", paramLabel = "BRANCH",
            description = "The branch the change goes into (default: the run's or CHANGE_TARGET, else main).")
    String target;

    @Option(names = "--rules-from", paramLabel = "REF",
            description = "Read the rules from mlci.yaml at this revision (default: the target branch for pull requests).")
    String rulesFrom;

    @Option(names = "--target-commit", paramLabel = "SHA",
            description = "The target branch's full commit id, pinned before the pull request's code ran "
                    + "(default: $MLCI_TARGET_COMMIT; required in pull-request builds). Rules and baseline are read at it "
                    + "from a fresh fetch, never from the build's clone.")
    String targetCommit;

    @Option(names = "--target-repo", paramLabel = "URL",
            description = "Fetch the pinned target commit from this repository (default: $MLCI_TARGET_REPO, else the "
                    + "build's clone, whose objects the fetch hashes again).")
    String targetRepo;

    @Option(names = "--trusted",
            description = "Judge the metrics of the target's own evaluation: evaluate.command of mlci.yaml at the pinned "
                    + "target commit, run in a fresh checkout of it on this run's recorded model and the target's evaluation "
                    + "data. On by default when the target's mlci.yaml says evaluate.trusted: true.")
    boolean trusted;

    /** @param modelVersions also read the registry's versions by run, for a report */
    EvaluationResult evaluate(MlciCommand root, boolean record, boolean modelVersions) {
        EvaluationOptions options = EvaluationOptions.defaults(root.environment()).with(store, run, base, target, rulesFrom)
                .pinned(targetCommit, targetRepo).trusted(trusted)
                .withOutput(root.dataOptions(), root.say());
        return new Evaluation(root.repositoryRoot(), options).run(record, modelVersions);
    }
}
