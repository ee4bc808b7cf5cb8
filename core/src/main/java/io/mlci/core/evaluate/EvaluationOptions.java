package io.mlci.core.evaluate;

import io.mlci.core.data.workspace.DataOptions;

import java.util.Map;
import java.util.function.Consumer;

/**
 * What to evaluate and against what; null fields are worked out.
 *
 * @param store       run store location; null = mlci.yaml's, else {@code .mlci/}
 * @param candidate   the run to judge; null = the newest successful run of HEAD's commit
 * @param baseline    overrides mlci.yaml's {@code gate.baseline} ({@code target-branch},
 *                    {@code merge-base}, {@code run:ID}, {@code none})
 * @param target      the branch the change goes into; null = the run's or CI's target, else main
 * @param rulesFrom   the revision to read the rules at; null = the target branch for pull
 *                    requests, the working tree otherwise
 * @param targetCommit the target's full commit id, pinned before a pull request's code ran; null =
 *                    {@code $MLCI_TARGET_COMMIT}. A pull-request build without one is refused.
 * @param targetRepo  where to fetch the pinned commit from; null = {@code $MLCI_TARGET_REPO}, else
 *                    the build's own clone (its objects are re-hashed by the fetch)
 * @param trusted     judge the metrics of the target's own evaluation ({@code --trusted}) even when the
 *                    target's mlci.yaml does not ask for it with {@code evaluate.trusted}
 */
public record EvaluationOptions(String store, String candidate, String baseline, String target, String rulesFrom,
                                String targetCommit, String targetRepo, boolean trusted,
                                Map<String, String> environment, DataOptions data, Consumer<String> say) {

    /** The variable a CI server sets to the target's commit, pinned right after the checkout. */
    public static final String TARGET_COMMIT_VARIABLE = "MLCI_TARGET_COMMIT";
    /** The variable naming the repository the pinned commit is fetched from. */
    public static final String TARGET_REPO_VARIABLE = "MLCI_TARGET_REPO";

    public static EvaluationOptions defaults(Map<String, String> environment) {
        return new EvaluationOptions(null, null, null, null, null, null, null, false, environment, DataOptions.defaults(), line -> { });
    }

    public EvaluationOptions with(String storeLocation, String candidateRun, String baselineChoice, String targetBranch,
                                  String rulesRevision) {
        return new EvaluationOptions(storeLocation, candidateRun, baselineChoice, targetBranch, rulesRevision, targetCommit,
                targetRepo, trusted, environment, data, say);
    }

    public EvaluationOptions pinned(String commit, String repository) {
        return new EvaluationOptions(store, candidate, baseline, target, rulesFrom, commit, repository, trusted, environment, data, say);
    }

    public EvaluationOptions withOutput(DataOptions dataOptions, Consumer<String> phases) {
        return new EvaluationOptions(store, candidate, baseline, target, rulesFrom, targetCommit, targetRepo, trusted, environment,
                dataOptions, phases);
    }

    /** With {@code --trusted}: the target's own evaluation decides the candidate's metrics. */
    public EvaluationOptions trusted(boolean trustedEvaluation) {
        return new EvaluationOptions(store, candidate, baseline, target, rulesFrom, targetCommit, targetRepo, trustedEvaluation,
                environment, data, say);
    }

    /** The pinned target commit: given, else from the environment, else null. */
    public String pinnedCommit() {
        return firstNonBlank(targetCommit, environment.get(TARGET_COMMIT_VARIABLE));
    }

    public String pinnedRepository() {
        return firstNonBlank(targetRepo, environment.get(TARGET_REPO_VARIABLE));
    }

    private static String firstNonBlank(String given, String fallback) {
        if (given != null && !given.isBlank()) {
            return given.trim();
        }
        return fallback == null || fallback.isBlank() ? null : fallback.trim();
    }
}
