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
 */
public record EvaluationOptions(String store, String candidate, String baseline, String target, String rulesFrom,
                                Map<String, String> environment, DataOptions data, Consumer<String> say) {

    public static EvaluationOptions defaults(Map<String, String> environment) {
        return new EvaluationOptions(null, null, null, null, null, environment, DataOptions.defaults(), line -> { });
    }

    public EvaluationOptions with(String storeLocation, String candidateRun, String baselineChoice, String targetBranch,
                                  String rulesRevision) {
        return new EvaluationOptions(storeLocation, candidateRun, baselineChoice, targetBranch, rulesRevision, environment,
                data, say);
    }

    public EvaluationOptions withOutput(DataOptions dataOptions, Consumer<String> phases) {
        return new EvaluationOptions(store, candidate, baseline, target, rulesFrom, environment, dataOptions, phases);
    }
}
