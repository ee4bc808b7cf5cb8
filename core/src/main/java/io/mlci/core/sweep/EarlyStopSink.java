package io.mlci.core.sweep;

import io.mlci.core.run.exec.OutputSink;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Passes a trial's training output on, and stops the trial when the median rule says so; used by
 * the lanes of {@code mlci sweep run} and by a trial trained on its own agent alike.
 */
final class EarlyStopSink implements OutputSink {

    private final String trial;
    private final MedianStoppingRule rule;
    private final OutputSink next;
    private final String prefix;
    private volatile Consumer<String> stopper = reason -> { };
    private volatile boolean stoppedEarly;

    /** @param rule null = no early stopping: the output is only passed on */
    EarlyStopSink(String trial, MedianStoppingRule rule, OutputSink next, String prefix) {
        this.trial = trial;
        this.rule = rule;
        this.next = next;
        this.prefix = prefix;
    }

    /** What stopping the trial does, given the reason; set once the trainer exists. */
    void onStop(Consumer<String> action) {
        stopper = action;
    }

    boolean stoppedEarly() {
        return stoppedEarly;
    }

    @Override
    public void line(String line) {
        next.line(prefix + line);
        if (rule == null || stoppedEarly) {
            return;
        }
        Optional<StepMetrics.Point> point = StepMetrics.parse(line);
        if (point.isEmpty() || !point.get().values().containsKey(rule.metric())) {
            return;
        }
        Optional<String> reason = rule.report(trial, point.get().step(), point.get().values().get(rule.metric()));
        if (reason.isPresent()) {
            stoppedEarly = true;
            next.line(prefix + "mlci: " + reason.get());
            stopper.accept(reason.get());
        }
    }
}
