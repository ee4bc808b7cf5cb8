package io.mlci.core.sweep;

import org.junit.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the trials of one study meet in the run store, whatever the label a build gives it. */
public class StudyKeyTest {

    private static final Objective AUC = new Objective("auc", Objective.Goal.MAX);
    private static final EarlyStop STOP = new EarlyStop("val_auc", 2, 1);

    private static StudyPlan sweep(String... rates) {
        return new StudyPlan("sweep", AUC, "grid", null, 4, STOP, java.util.Arrays.stream(rates)
                .map(rate -> new Trial("t" + rate, Map.of("train.lr", rate), null)).toList());
    }

    @Test
    public void shouldGiveOneStudyTheSameKeyOnEveryAgent() {
        assertThat(StudyTrial.key("jenkins-churn-main-7", sweep("0.1", "0.3")))
                .isEqualTo(StudyTrial.key("jenkins-churn-main-7", sweep("0.1", "0.3")))
                .startsWith("jenkins-churn-main-7-");
    }

    @Test
    public void shouldKeepApartOtherBuildsAndOtherSweepsOfOneBuild() {
        String key = StudyTrial.key("jenkins-churn-main-7", sweep("0.1", "0.3"));

        assertThat(List.of(StudyTrial.key("jenkins-churn-main-8", sweep("0.1", "0.3")),
                StudyTrial.key("jenkins-churn-main-7", sweep("0.1", "0.5")),
                StudyTrial.key("jenkins/churn/main/7", sweep("0.1", "0.3")),
                StudyTrial.key("jenkins_churn_main_7", sweep("0.1", "0.3")))).doesNotContain(key).doesNotHaveDuplicates();
    }

    @Test
    public void shouldMakeAnyLabelAStoreKeyThatStaysUnderTheStudyPrefix() {
        for (String label : List.of("jenkins-churn-feature%2Fsweep-3", "../../registry", "ümlaut build #4", "-",
                "x".repeat(500))) {
            String key = StudyTrial.key(label, sweep("0.1"));
            assertThat(key).as(label).matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}").doesNotContain("..");
        }
    }
}
