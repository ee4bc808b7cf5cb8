package io.mlci.core.sweep;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Decides, while trials run, whether one should stop: its best value of the early-stop metric by
 * step {@code s} is worse than the median of the finished trials' running averages up to {@code s}.
 * Shared by the trials of one sweep; safe from their output threads. With a {@link StudyProgress},
 * trials that finished on other machines count too, and a trial that finishes here is shared.
 */
public final class MedianStoppingRule {

    /** How the message of a run this rule stopped begins. */
    public static final String STOPPED_EARLY = "stopped early";

    private final EarlyStop config;
    private final Objective.Goal goal;
    private final Map<String, NavigableMap<Long, Double>> histories = new HashMap<>();
    private final List<String> finished = new ArrayList<>();
    private final StudyProgress shared;

    /** For trials of this process only. */
    public MedianStoppingRule(EarlyStop config, Objective.Goal goal) {
        this(config, goal, null);
    }

    /** @param shared the study's finished trials in the run store; null = this process's trials only */
    public MedianStoppingRule(EarlyStop config, Objective.Goal goal, StudyProgress shared) {
        this.config = config;
        this.goal = goal;
        this.shared = shared;
    }

    public String metric() {
        return config.metric();
    }

    /**
     * Records a value and answers whether the trial should stop now; the reason says why, in
     * the words the trial table shows.
     */
    public synchronized Optional<String> report(String trial, long step, double value) {
        if (Double.isNaN(value)) {
            return Optional.empty();
        }
        NavigableMap<Long, Double> history = histories.computeIfAbsent(trial, name -> new TreeMap<>());
        history.put(step, value);
        if (history.size() < config.minSteps()) {
            return Optional.empty();
        }
        List<Double> averages = new ArrayList<>();
        for (NavigableMap<Long, Double> other : finishedHistories(trial)) {
            NavigableMap<Long, Double> upTo = other.headMap(step, true);
            if (!upTo.isEmpty()) {
                averages.add(upTo.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow());
            }
        }
        if (averages.size() < Math.max(1, config.minTrials())) {
            return Optional.empty();
        }
        double median = median(averages);
        double best = history.values().stream().reduce((a, b) -> better(a, b) ? a : b).orElseThrow();
        if (better(median, best)) {
            return Optional.of(STOPPED_EARLY + " at step " + step + ": best " + config.metric() + " " + number(best)
                    + " is worse than the median " + number(median) + " of " + averages.size() + " finished trials");
        }
        return Optional.empty();
    }

    /**
     * Six significant digits: the reason is kept in the run's record, and an average read as
     * 0.29400000000000004 is noise of binary arithmetic, not a value anyone logged.
     */
    private static String number(double value) {
        return String.format(java.util.Locale.ROOT, "%.6g", value).replaceFirst("\\.?0+(e|$)", "$1");
    }

    /** A trial that ran to its end; its history now counts for the median. */
    public synchronized void finished(String trial) {
        if (histories.containsKey(trial) && !finished.contains(trial)) {
            finished.add(trial);
            if (shared != null) {
                shared.publish(trial, histories.get(trial));
            }
        }
    }

    /**
     * A trial that finished without training here (reused from an identical earlier run) but whose
     * history is known: it counts, and is shared, like one that trained here.
     */
    public synchronized void finished(String trial, NavigableMap<Long, Double> history) {
        if (!history.isEmpty() && !finished.contains(trial)) {
            histories.put(trial, new TreeMap<>(history));
            finished(trial);
        }
    }

    /** The finished trials other than {@code trial}: this process's, and those shared by others. */
    private Collection<NavigableMap<Long, Double>> finishedHistories(String trial) {
        Map<String, NavigableMap<Long, Double>> all = new LinkedHashMap<>();
        if (shared != null) {
            all.putAll(shared.finished());
        }
        finished.forEach(name -> all.put(name, histories.get(name)));
        all.remove(trial);
        return all.values();
    }

    private boolean better(double a, double b) {
        return goal == Objective.Goal.MAX ? a > b : a < b;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
