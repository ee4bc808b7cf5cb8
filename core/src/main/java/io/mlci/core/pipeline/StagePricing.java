package io.mlci.core.pipeline;

import io.mlci.core.run.cost.Price;
import io.mlci.core.run.cost.Prices;
import io.mlci.core.run.cost.ResourceMeter;
import io.mlci.core.run.env.Ec2Instance;
import io.mlci.core.run.env.EnvironmentProbe;
import io.mlci.core.run.record.Resources;
import io.mlci.core.run.record.RunEnvironment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a pipeline run and each of its stages cost on this machine: the machine and its price are
 * found once (EC2 metadata, then mlci.yaml, {@code MLCI_PRICE_PER_HOUR} or mlci's table), a stage
 * that ran is priced by its own duration (kept with it in the stage cache, so a later restore can
 * count it as saved), and the whole run by the time it held the machine.
 */
final class StagePricing {

    private final String runId;
    private final Optional<Ec2Instance> instance;
    private final Prices prices;
    private final Optional<Price> price;

    StagePricing(String runId, EnvironmentProbe probe, Prices prices) {
        this.runId = runId;
        this.instance = probe.instance();
        this.prices = prices;
        this.price = prices.of(instance.map(Ec2Instance::type).orElse(null), instance.map(Ec2Instance::lifecycle).orElse(null),
                instance.map(Ec2Instance::region).orElse(null));
    }

    /** A stage that ran here for {@code seconds}. */
    Resources.Training stage(double seconds) {
        double hours = Math.max(0, seconds) / 3600;
        return new Resources.Training(runId, hours, null, instance.map(Ec2Instance::type).orElse(null),
                instance.map(Ec2Instance::lifecycle).orElse(null), instance.map(Ec2Instance::region).orElse(null),
                price.map(p -> p.costOf(hours)).orElse(null));
    }

    /** The pipeline run's block: from its start to now, with the stages it restored instead of running. */
    Resources resources(Instant started, RunEnvironment environment, List<Resources.RestoredStage> restored) {
        return new ResourceMeter(started).finish(Instant.now(), instance, environment.gpus(), prices, null, restored);
    }
}
