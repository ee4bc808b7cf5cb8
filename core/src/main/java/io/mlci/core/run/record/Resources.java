package io.mlci.core.run.record;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What a run used and what it cost: wall time per phase, every attempt and why it ended, the
 * machine (EC2 instance type, lifecycle, region, GPUs), the hours and GPU-hours billed, the price
 * applied, for a skipped run what reusing an earlier run saved, and for a pipeline run what its
 * restored stages saved.
 *
 * <p>Records written before this block existed have none; readers treat it as unknown.
 *
 * @param phases       wall time of each phase
 * @param attempts     each start of the training command, in order; empty for a skipped run
 * @param instanceType EC2 instance type (IMDSv2), else null
 * @param lifecycle    {@code spot} or {@code on-demand} (IMDSv2), else null
 * @param region       EC2 region (IMDSv2), else null
 * @param gpuCount     GPUs found, null when none was found (no nvidia-smi, or no GPU)
 * @param gpuModel     the first GPU's name, else null
 * @param hours        wall time held by the run, from the start of the training command line (before the image
 *                     pull) to the record, in hours
 * @param gpuHours     {@code gpuCount × hours}; null without a GPU count
 * @param cost         the price applied and the estimate; null when no price is known
 * @param saved        for a skipped run, the training it did not repeat; else null
 * @param restored     for a pipeline run, each stage restored from an earlier run instead of run, with what
 *                     that stage took there; empty otherwise (and absent from records of single trainings)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Resources(Phases phases, List<Attempt> attempts, String instanceType, String lifecycle, String region,
                        Integer gpuCount, String gpuModel, double hours, Double gpuHours, Cost cost, Training saved,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RestoredStage> restored) {

    public Resources {
        phases = phases == null ? Phases.NONE : phases;
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        restored = restored == null ? List.of() : List.copyOf(restored);
        if (hours < 0 || !Double.isFinite(hours)) {
            throw new IllegalArgumentException("hours must be a finite number of 0 or more, got " + hours);
        }
    }

    /** The money this run cost, or null when no price is known. */
    public Double spent() {
        return cost == null ? null : cost.estimate();
    }

    /**
     * Wall time of each phase of a run, in seconds; null when the phase did not happen here.
     *
     * @param dataFetch what the run downloaded before training: checkpoints to resume from, or a
     *                  skipped run's outputs
     * @param imagePull pulling (when missing) and inspecting the Docker image
     * @param training  the training command, all attempts together
     * @param upload    hashing, caching and uploading the outputs
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Phases(Double dataFetch, Double imagePull, Double training, Double upload) {
        public static final Phases NONE = new Phases(null, null, null, null);
    }

    /**
     * One start of the training command.
     *
     * @param seconds  its wall time
     * @param ended    {@code exited}, {@code timed-out} or {@code killed}
     * @param exitCode its exit status (128+N after signal N)
     * @param reason   why it ended, in words
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attempt(double seconds, String ended, Integer exitCode, String reason) {
    }

    /**
     * The price applied to a run.
     *
     * @param pricePerHour the instance's price per hour
     * @param currency     ISO 4217 code of the price, e.g. USD
     * @param source       where the price came from, e.g. "mlci.yaml cost.prices.g5.xlarge"
     * @param date         the date of a table price (yyyy-mm-dd); null for a figure the user gave
     * @param estimate     {@code pricePerHour × hours}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cost(double pricePerHour, String currency, String source, String date, double estimate) {
    }

    /**
     * One training's hours, machine and cost: what a skipped run did not repeat (its {@code saved}),
     * and what a gate or a report prices when it asks what a run's training costs.
     *
     * @param run          the run that trained
     * @param hours        its hours
     * @param gpuHours     its GPU-hours, when known
     * @param instanceType its instance type, when known
     * @param lifecycle    its lifecycle, when known
     * @param region       its region, when known
     * @param cost         its cost; null when no price is known
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Training(String run, double hours, Double gpuHours, String instanceType, String lifecycle, String region,
                         Cost cost) {

        /** The money it cost, or null when no price is known. */
        public Double amount() {
            return cost == null ? null : cost.estimate();
        }

        public Training withCost(Cost priced) {
            return new Training(run, hours, gpuHours, instanceType, lifecycle, region, priced);
        }
    }

    /**
     * A pipeline stage whose outputs were restored from an earlier run with identical inputs: it did
     * not run here, so what it took in that run is saved.
     *
     * @param stage    the stage's address, e.g. {@code train}
     * @param training the stage in the run it came from: that run's id, the stage's hours, the
     *                 machine, and the stage's cost at that run's price (null when it had none)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RestoredStage(String stage, Training training) {
    }
}
