package io.mlci.core.ci;

import io.mlci.core.gate.RuleStatus;
import io.mlci.core.run.record.DataInput;
import io.mlci.core.run.record.OutputFile;
import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

public class CheckTextTest {

    /** A run that produced {@code count} files, with non-ASCII names so bytes and chars differ. */
    static BuildSummary producing(int count) {
        List<OutputFile> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            files.add(new OutputFile(String.format("model/shard-%05d-größe.bin", i), "%032x".formatted(i),
                    "%064x".formatted(i), 1000L + i, 1, null));
        }
        return new BuildSummary("run-2", "feature", "abc123", null, "run-1", null, RuleStatus.PASSED, "mlci gate passed",
                "", List.of(), List.of(), new CheckRun("mlci", "passed", "SUCCESS", "## report"), Map.of(), Map.of(),
                List.of(new DataInput("data", "00112233445566778899aabbccddeeff.dir", 11, 2, "data.dvc")),
                List.of(new OutputFile("model", "ff".repeat(16) + ".dir", null, 0, count, files)),
                List.of("churn v3 (production)"));
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    public void shouldListTheLineageAndEveryFileWhenItFits() {
        String text = CheckText.of(producing(3));

        assertThat(text).contains("run `run-2` at commit `abc123` on `feature`").contains("run `run-1`")
                .contains("churn v3 (production)").contains("| data | `00112233445566778899aabbccddeeff.dir` | data.dvc | 11 |")
                .contains("| model/shard-00002-größe.bin | `" + "%032x".formatted(2) + "` | `" + "%064x".formatted(2) + "` | 1002 |")
                .doesNotContain(CheckText.CUT_MARKER);
    }

    @Test
    public void shouldCutAtALineWithAMarkerToStayWithin65535Bytes() {
        BuildSummary big = producing(2000);
        assertThat(bytes(String.join("", CheckText.lines(big)))).isGreaterThan(CheckText.LIMIT);

        String text = CheckText.of(big);

        assertThat(bytes(text)).isLessThanOrEqualTo(65_535).isGreaterThan(60_000);
        assertThat(text).contains("model/shard-00000-größe.bin").doesNotContain("model/shard-01999-größe.bin");
        String last = text.strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).startsWith(CheckText.CUT_MARKER).contains("more line(s) left out").contains("65,535 bytes");
        String beforeMarker = text.substring(0, text.indexOf(CheckText.CUT_MARKER)).strip();
        assertThat(beforeMarker).endsWith(" |");
    }

    @Test
    public void shouldSayHowManyLinesItLeftOut() {
        String line = "a".repeat(100) + "\n";
        List<String> lines = List.of(line, line.replace('a', 'b'), line.replace('a', 'c'));

        String text = CheckText.cut(lines, 302);

        assertThat(text).startsWith(line).doesNotContain("bbb").contains(CheckText.CUT_MARKER + ": 2 more line(s)");
        assertThat(bytes(text)).isLessThanOrEqualTo(302);
        assertThat(CheckText.cut(lines, 303)).isEqualTo(String.join("", lines));
    }
}
