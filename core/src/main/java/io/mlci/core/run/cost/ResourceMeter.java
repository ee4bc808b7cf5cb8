package io.mlci.core.run.cost;

import io.mlci.core.run.env.Ec2Instance;
import io.mlci.core.run.exec.ExecutionResult;
import io.mlci.core.run.record.GpuInfo;
import io.mlci.core.run.record.Resources;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Measures one {@code mlci train} for its record's {@code resources} block: the phases as they
 * happen, each attempt as it ends, and at the end the machine, the hours and the price.
 * The hours run from the meter's start (before the image is pulled) to {@link #finish}.
 */
public final class ResourceMeter {

    private final Instant start;
    private Duration dataFetch;
    private Duration imagePull;
    private Duration training;
    private Duration upload;
    private final List<Resources.Attempt> attempts = new ArrayList<>();

    public ResourceMeter(Instant start) {
        this.start = start;
    }

    public void dataFetch(Duration elapsed) {
        dataFetch = add(dataFetch, elapsed);
    }

    public void imagePull(Duration elapsed) {
        imagePull = add(imagePull, elapsed);
    }

    public void upload(Duration elapsed) {
        upload = add(upload, elapsed);
    }

    /** @param reason why it ended, in words; null = "exit N" */
    public void attempt(ExecutionResult result, String reason) {
        training = add(training, result.elapsed());
        attempts.add(new Resources.Attempt(seconds(result.elapsed()), result.outcome().word(), result.exitCode(),
                reason != null ? reason : "exit " + result.exitCode()));
    }

    /**
     * The block for the record, with this machine priced.
     *
     * @param saved for a skipped run, the training it reused; else null
     */
    public Resources finish(Instant end, Optional<Ec2Instance> instance, List<GpuInfo> gpus, Prices prices,
                            Resources.Training saved) {
        return finish(end, instance, gpus, prices, saved, List.of());
    }

    /** @param restored for a pipeline run, the stages restored from earlier runs instead of run */
    public Resources finish(Instant end, Optional<Ec2Instance> instance, List<GpuInfo> gpus, Prices prices,
                            Resources.Training saved, List<Resources.RestoredStage> restored) {
        double hours = Math.max(0, Duration.between(start, end).toMillis()) / 3_600_000.0;
        Integer gpuCount = gpus.isEmpty() ? null : gpus.size();
        String type = instance.map(Ec2Instance::type).orElse(null);
        String lifecycle = instance.map(Ec2Instance::lifecycle).orElse(null);
        String region = instance.map(Ec2Instance::region).orElse(null);
        Resources.Cost cost = prices.of(type, lifecycle, region).map(price -> price.costOf(hours)).orElse(null);
        return new Resources(new Resources.Phases(seconds(dataFetch), seconds(imagePull), seconds(training), seconds(upload)),
                attempts, type, lifecycle, region, gpuCount, gpus.isEmpty() ? null : gpus.get(0).name(), hours,
                gpuCount == null ? null : gpuCount * hours, cost, saved, restored);
    }

    private static Duration add(Duration total, Duration more) {
        return total == null ? more : total.plus(more);
    }

    private static Double seconds(Duration duration) {
        return duration == null ? null : duration.toMillis() / 1000.0;
    }
}
