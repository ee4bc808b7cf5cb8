package io.mlci.core.config;

import java.time.Duration;
import java.util.List;

/**
 * The {@code evaluate:} section: how a pull request's model is evaluated by code it did not
 * write. It matters only as the target branch's mlci.yaml says it, read at the pinned commit: a
 * pull request's own {@code evaluate:} section changes nothing until it is merged.
 *
 * @param trusted  judge pull requests by the metrics of this evaluation instead of those their
 *                 own training wrote
 * @param command  run in a fresh checkout of the target commit, with the model in place; null = none
 * @param model    the run outputs to evaluate, placed at their paths; empty = every output of the run
 * @param data     the pointers ({@code .dvc} files or tracked paths) to pull as the evaluation data;
 *                 empty = every pointer of the target commit
 * @param timeout  how long the command may run
 */
public record EvaluateConfig(boolean trusted, TrainingCommand command, List<String> model, List<String> data,
                             Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);

    public EvaluateConfig {
        model = List.copyOf(model);
        data = List.copyOf(data);
    }
}
