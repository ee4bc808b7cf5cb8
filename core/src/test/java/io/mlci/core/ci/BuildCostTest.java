package io.mlci.core.ci;

import io.mlci.core.run.record.Resources;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.RunStatus;
import io.mlci.core.run.record.SourceInfo;
import org.junit.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The build page's cost line, from the run record alone. */
public class BuildCostTest {

    private static Resources.Cost usd(double amount) {
        return new Resources.Cost(1.006, "USD", "MLCI_PRICE_PER_HOUR", null, amount);
    }

    private static Resources.Training training(String run, Resources.Cost cost) {
        return new Resources.Training(run, 1.5, 1.5, "g5.xlarge", "on-demand", "us-east-1", cost);
    }

    private static RunRecord run(RunStatus status, String reusedFrom, Resources used) {
        return RunRecord.builder("run-2", "k".repeat(64), new SourceInfo("repo", "c".repeat(40), false, "feature", null, null, null))
                .status(status).reusedFrom(reusedFrom).times("2026-12-05T12:00:00Z", "2026-12-05T13:30:00Z", 5400)
                .exit(0, 1).execution("python train.py", null, null, null).resources(used).build();
    }

    private static Resources used(Resources.Cost cost, Resources.Training saved, List<Resources.RestoredStage> restored) {
        return new Resources(null, List.of(), "g5.xlarge", "on-demand", "us-east-1", 1, "NVIDIA A10G", 1.5, 1.5, cost, saved,
                restored);
    }

    @Test
    public void shouldShowWhatATrainingSpentAndThatItSavedNothing() {
        assertThat(BuildCost.line(run(RunStatus.SUCCEEDED, null, used(usd(1.509), null, null))))
                .isEqualTo("Cost: spent 1.51 USD, saved 0.00");
    }

    @Test
    public void shouldShowWhatASkippedRunSavedAndWhichRunItReused() {
        RunRecord skipped = run(RunStatus.REUSED, "run-1", used(usd(0.0042), training("run-1", usd(1.509)), null));

        assertThat(BuildCost.line(skipped)).isEqualTo("Cost: spent 0.0042 USD, saved 1.51 USD (skipped, reusing run run-1)");
    }

    @Test
    public void shouldCountRestoredPipelineStagesAsSaved() {
        RunRecord pipeline = run(RunStatus.SUCCEEDED, null, used(usd(0.25), null, List.of(
                new Resources.RestoredStage("prepare", training("run-1", usd(0.5))),
                new Resources.RestoredStage("train", training("run-1", usd(2))))));

        assertThat(BuildCost.line(pipeline)).isEqualTo("Cost: spent 0.25 USD, saved 2.50 USD (2 pipeline stage(s) restored)");
    }

    @Test
    public void shouldSayWhatIsUnknownRatherThanShowNothingSpent() {
        RunRecord unpriced = run(RunStatus.REUSED, "run-1", used(null, training("run-1", null), null));

        assertThat(BuildCost.line(unpriced))
                .isEqualTo("Cost: spent unknown (no price for its machine), saved unknown (skipped, reusing run run-1)");
        assertThat(BuildCost.line(run(RunStatus.SUCCEEDED, null, null))).as("a record from before costs").isNull();
    }
}
