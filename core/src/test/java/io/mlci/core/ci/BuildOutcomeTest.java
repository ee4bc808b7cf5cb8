package io.mlci.core.ci;

import io.mlci.core.gate.RuleStatus;
import org.junit.Test;

import static org.assertj.core.api.Assertions.assertThat;

public class BuildOutcomeTest {

    @Test
    public void shouldFailTheBuildOnlyForAFailedGateThatMayFailIt() {
        assertThat(BuildOutcome.of(RuleStatus.FAILED, true)).isEqualTo(BuildOutcome.FAIL);
        assertThat(BuildOutcome.of(RuleStatus.FAILED, false)).isEqualTo(BuildOutcome.UNSTABLE);
        assertThat(BuildOutcome.of(RuleStatus.UNSTABLE, true)).isEqualTo(BuildOutcome.UNSTABLE);
        assertThat(BuildOutcome.of(RuleStatus.PASSED, true)).isEqualTo(BuildOutcome.PASS);
        assertThat(BuildOutcome.of(RuleStatus.SKIPPED, true)).isEqualTo(BuildOutcome.PASS);
    }
}
