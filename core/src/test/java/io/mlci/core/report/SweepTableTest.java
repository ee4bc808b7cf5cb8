package io.mlci.core.report;

import io.mlci.core.sweep.Objective;
import io.mlci.core.sweep.SweepRecord;
import io.mlci.core.sweep.TrialResult;
import org.junit.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

public class SweepTableTest {

    private static TrialResult trial(String name, String removed, double objective) {
        return new TrialResult(name, Map.of(), removed, "run-" + name, "succeeded", null, objective, null, false, null);
    }

    private static SweepRecord ablation(Objective objective, double base, double withoutAge, double withoutZip) {
        return new SweepRecord(SweepRecord.SCHEMA, "20261206-040000-000-abcd", "ablation", "2026-12-06T04:00:00Z",
                "c".repeat(40), "main", objective, "leave-one-out", null,
                List.of(trial("baseline", null, base), trial("-age", "age", withoutAge), trial("-zip", "zip", withoutZip)),
                "baseline", "run-baseline");
    }

    @Test
    public void shouldShowTheMetricsOwnChangeAndSayWhetherItIsWorseForAMetricToMaximise() {
        SweepRecord record = ablation(new Objective("auc", Objective.Goal.MAX), 0.8, 0.75, 0.81);

        assertThat(SweepTable.dropColumns(record)).containsExactly("left out", "auc", "change vs baseline", "without it");
        assertThat(SweepTable.dropRows(record)).containsExactly(
                List.of("age", "0.75", "-0.05", "worse by 0.05"),
                List.of("zip", "0.81", "+0.01", "better by 0.01"));
    }

    @Test
    public void shouldCallARisingLossWorseAndAFallingOneBetter() {
        SweepRecord record = ablation(new Objective("loss", Objective.Goal.MIN), 0.3, 0.4, 0.3);

        assertThat(SweepTable.dropRows(record)).containsExactly(
                List.of("age", "0.4", "+0.1", "worse by 0.1"),
                List.of("zip", "0.3", "0", "no change"));
    }
}
