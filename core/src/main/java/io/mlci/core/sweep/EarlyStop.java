package io.mlci.core.sweep;

/**
 * The median stopping rule (as in Google Vizier): a trial is stopped at step {@code s} when its best
 * value so far is worse than the median, over the trials that have finished, of their running
 * averages up to step {@code s}. Hopeless trials end early; promising ones are never cut.
 *
 * @param metric    the intermediate metric the command logs, e.g. {@code val_auc}
 * @param minTrials finished trials needed before any trial is stopped
 * @param minSteps  steps every trial runs before it can be stopped
 */
public record EarlyStop(String metric, int minTrials, int minSteps) {

    public static final int DEFAULT_MIN_TRIALS = 2;
    public static final int DEFAULT_MIN_STEPS = 1;
}
