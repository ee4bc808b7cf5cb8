package io.mlci.core.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlci.core.InvalidInputException;
import io.mlci.core.MlciException;
import io.mlci.core.config.MlciConfig;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.data.hash.Hex;
import io.mlci.core.run.TrainOptions;
import io.mlci.core.run.TrainOutcome;
import io.mlci.core.run.Trainer;
import io.mlci.core.run.params.ParamsOverride;
import io.mlci.core.run.record.RunStatus;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One trial of a study trained on its own, as each lane of a Jenkins sweep trains it
 * ({@code mlci train --study LABEL --trial NAME}): the trial's params are set from the study's plan
 * (the same plan on every agent), and with {@code earlyStop} the median rule counts the trials of
 * the same study that finished elsewhere, stops this one when it is hopeless, and shares its history
 * when it finishes, for the trials that train after it.
 */
public final class StudyTrial implements AutoCloseable {

    /** How long a listing of the study's finished trials is reused before the store is listed again. */
    static final Duration REFRESH = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LABEL_CHARS = 80;

    /**
     * @param study    names the study the trials share, e.g. a build's tag; any text
     * @param trial    the trial's name in the plan ({@code t1}, {@code no-age}, ...)
     * @param ablation the trial is the ablation study's
     * @param spec     a sweep section replacing mlci.yaml's, as {@code mlci sweep plan --spec} takes it; null = mlci.yaml's
     */
    public record Request(String study, String trial, boolean ablation, String spec) {
    }

    /** @param stoppedEarly the median rule stopped the trial: its run is recorded as killed with the reason */
    public record Outcome(TrainOutcome training, Trial trial, boolean stoppedEarly) {
    }

    private final Trial trial;
    private final Trainer trainer;
    private final EarlyStopSink sink;
    private final MedianStoppingRule rule;
    private final RunStore store;
    private final Consumer<String> say;

    private StudyTrial(Trial trial, Trainer trainer, EarlyStopSink sink, MedianStoppingRule rule, RunStore store,
                       Consumer<String> say) {
        this.trial = trial;
        this.trainer = trainer;
        this.sink = sink;
        this.rule = rule;
        this.store = store;
        this.say = say;
    }

    /**
     * Plans the study, finds the trial and sets its params in the workspace's params files; nothing
     * is written before the study, the trial and the store are known to be valid.
     */
    public static StudyTrial prepare(Path root, TrainOptions options, Request request) {
        if (request.study() == null || request.study().isBlank()) {
            throw new InvalidInputException("--study", null, "is empty; name the study its trials share, e.g. the build's tag");
        }
        MlciConfig config = MlciYaml.load(root);
        StudyPlan plan = new SweepRunner(root, options).plan(request.ablation(), request.spec());
        Trial trial = plan.trial(request.trial());
        RunStore store = plan.earlyStop() == null ? null
                : RunStores.open(RunStores.locate(options.store(), config.store(), options.environment()), root,
                options.environment());
        try {
            MedianStoppingRule rule = store == null ? null : new MedianStoppingRule(plan.earlyStop(), plan.objective().goal(),
                    new StudyProgress(store.blobs(), key(request.study(), plan), plan.earlyStop().metric(), REFRESH));
            EarlyStopSink sink = new EarlyStopSink(trial.name(), rule, options.trainOutput(), "");
            Trainer trainer = new Trainer(root, options.withOutput(options.say(), sink));
            sink.onStop(trainer::stop);
            ParamsOverride.apply(root, config.train().params(), trial.overrides());
            options.say().accept(plan.kind() + " trial " + trial.name() + ": " + trial.describe()
                    + (rule == null ? "; no earlyStop, the trial trains to its end"
                    : "; stopped early when worse than the median " + plan.earlyStop().metric()
                    + " of the study's finished trials"));
            return new StudyTrial(trial, trainer, sink, rule, store, options.say());
        } catch (RuntimeException e) {
            if (store != null) {
                store.close();
            }
            throw e;
        }
    }

    /** The trainer, for a caller that stops it (an aborted build). */
    public Trainer trainer() {
        return trainer;
    }

    /**
     * Trains the trial; one that ran to its end shares its history with the study, and so does one
     * reused from an identical earlier run, from that run's log.
     */
    public Outcome train() {
        TrainOutcome outcome = trainer.train();
        if (rule != null && outcome.record().status().hasOutputs()) {
            try {
                if (outcome.skipped()) {
                    rule.finished(trial.name(), LoggedHistory.of(store, outcome.original().id(), rule.metric()));
                } else {
                    rule.finished(trial.name());
                }
            } catch (MlciException e) {
                // the run is recorded; later trials only lose one history to compare with
                say.accept("warning: " + e.getMessage());
            }
        }
        return new Outcome(outcome, trial, sink.stoppedEarly() && outcome.record().status() == RunStatus.KILLED);
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }

    /**
     * Where the study's histories are kept: the label made safe for a store key, and a hash of the
     * label and the plan, so two sweeps of one build (a sweep and an ablation, or sweeps given to two
     * steps) never count each other's trials, however the label was spelled.
     */
    static String key(String label, StudyPlan plan) {
        String readable = label.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
        readable = readable.substring(0, Math.min(LABEL_CHARS, readable.length()));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(label.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(JSON.writeValueAsBytes(plan));
            String hash = Hex.encode(sha.digest()).substring(0, 16);
            return readable.isEmpty() ? hash : readable + "-" + hash;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        } catch (JsonProcessingException e) {
            throw new MlciException("cannot describe the study's plan: " + e.getMessage(), e);
        }
    }
}
