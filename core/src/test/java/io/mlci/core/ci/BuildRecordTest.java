package io.mlci.core.ci;

import io.mlci.core.InvalidInputException;
import io.mlci.core.gate.RuleStatus;
import io.mlci.core.report.ReportModel;
import io.mlci.core.report.Threshold;
import io.mlci.core.run.record.DataInput;
import io.mlci.core.run.record.OutputFile;
import io.mlci.core.testing.PersistedXml;
import org.junit.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class BuildRecordTest {

    /** Text with everything XML and JSON must escape: markup, quotes, a newline, non-ASCII. */
    private static final String AWKWARD = "a <b> & \"c\" 'd'\nλ ✓ ]]>";

    static BuildSummary summary(String headline) {
        OutputFile model = new OutputFile("model/model.bin", "0123456789abcdef0123456789abcdef", "ab".repeat(32), 12, 1, null);
        OutputFile dir = new OutputFile("model", "fedcba9876543210fedcba9876543210.dir", null, 12, 1, List.of(model));
        return new BuildSummary("run-1", "feature", "abc123", "https://ci.example/job/x/1/", "run-0", null,
                RuleStatus.FAILED, headline, "baseline: main's newest passing run",
                List.of(new ReportModel.Table("metrics", List.of("metric", "base", "PR"), Set.of(0), Set.of(1, 2),
                        List.of(List.of("accuracy", "0.5", "0.3")))),
                List.of(AWKWARD), new CheckRun("mlci", "failed: accuracy -0.2000 (-40.00%)", "FAILURE", "## report"),
                Map.of("accuracy", 0.3), Map.of("accuracy", new Threshold(0.4, null)),
                List.of(new DataInput("data", "00112233445566778899aabbccddeeff.dir", 11, 2, "data.dvc")), List.of(dir),
                List.of("churn v3 (production)"), "Cost: spent 1.51 USD, saved 0.00");
    }

    static DataFetch fetch() {
        return new DataFetch(3, 11, 0, 2, "copy", true, List.of(new DataVersion("data.dvc", null, "data",
                "00112233445566778899aabbccddeeff.dir", 11L, 2L, "present", "abc123", "alice", "2026-12-05T12:00:00Z")));
    }

    @Test
    public void shouldComeBackFromXStreamWithTheSameReviewAndData() {
        BuildRecord record = BuildRecord.EMPTY.withReview(summary(AWKWARD)).withData(fetch());

        BuildRecord read = PersistedXml.read(PersistedXml.write(record), BuildRecord.class);

        assertThat(read).isEqualTo(record);
        assertThat(read.review("build.xml")).isEqualTo(summary(AWKWARD));
        assertThat(read.data("build.xml")).isEqualTo(fetch());
    }

    @Test
    public void shouldReadASummaryKeptBeforeItHadACostLine() {
        String json = summary("mlci gate failed").toJson().replace("\"cost\":\"Cost: spent 1.51 USD, saved 0.00\"", "\"x\":0");

        assertThat(json).doesNotContain("Cost:");
        BuildSummary old = BuildSummary.fromJson(json, "build.xml");
        assertThat(old.cost()).isNull();
        assertThat(old.headline()).isEqualTo("mlci gate failed");
    }

    @Test
    public void shouldKeepNothingButTwoStringsInTheXml() {
        String xml = PersistedXml.write(BuildRecord.EMPTY.withReview(summary("mlci gate failed")).withData(fetch()));

        assertThat(xml).startsWith("<io.mlci.core.ci.BuildRecord>").doesNotContain("class=")
                .containsOnlyOnce("<review>").containsOnlyOnce("<data>");
        assertThat(xml.replace("io.mlci.core.ci.BuildRecord", "")).doesNotContain("io.mlci").doesNotContain("java.nio")
                .doesNotContain("org.eclipse.jgit");
    }

    @Test
    public void shouldSayNothingWasRecordedRatherThanInventIt() {
        BuildRecord empty = PersistedXml.read(PersistedXml.write(BuildRecord.EMPTY), BuildRecord.class);

        assertThat(empty.review("build.xml")).isNull();
        assertThat(empty.data("build.xml")).isNull();
        assertThat(BuildRecord.EMPTY.withData(fetch()).review("build.xml")).isNull();
    }

    @Test
    public void shouldKeepTheOtherHalfWhenOneIsRecordedAgain() {
        BuildRecord record = BuildRecord.EMPTY.withData(fetch()).withReview(summary("first")).withReview(summary("second"));

        assertThat(record.review("build.xml").headline()).isEqualTo("second");
        assertThat(record.data("build.xml")).isEqualTo(fetch());
    }

    @Test
    public void shouldNameWhereItIsKeptWhenItsJsonIsDamaged() {
        String xml = PersistedXml.write(BuildRecord.EMPTY.withReview(summary("x")));
        BuildRecord damaged = PersistedXml.read(xml.replace("{", "["), BuildRecord.class);

        assertThatThrownBy(() -> damaged.review("churn#4 build.xml"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("churn#4 build.xml");
    }
}
