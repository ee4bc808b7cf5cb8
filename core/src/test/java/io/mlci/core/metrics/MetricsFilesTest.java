package io.mlci.core.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlci.core.InvalidInputException;
import io.mlci.core.testing.TestRepos;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class MetricsFilesTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path root() {
        return temp.getRoot().toPath();
    }

    @Test
    public void shouldFlattenJsonYamlAndTomlAlike() throws Exception {
        TestRepos.write(root(), "m.json", "{\"eval\": {\"acc\": 0.9, \"n\": 500}, \"slices\": {\"region=eu\": {\"acc\": 0.8}}}");
        TestRepos.write(root(), "m.yaml", "eval:\n  acc: 0.9\n  n: 500\nslices:\n  region=eu:\n    acc: 0.8\n");
        TestRepos.write(root(), "m.toml", "[eval]\nacc = 0.9\nn = 500\n[slices.\"region=eu\"]\nacc = 0.8\n");

        Map<String, JsonNode> json = MetricsFiles.read(root(), List.of("m.json"));
        assertThat(json.keySet()).containsExactly("eval.acc", "eval.n", "slices.region=eu.acc");
        assertThat(MetricsFiles.read(root(), List.of("m.yaml"))).isEqualTo(json);
        assertThat(MetricsFiles.read(root(), List.of("m.toml"))).isEqualTo(json);
        assertThat(MetricNames.slicesOf("acc", json.keySet())).containsExactly("region=eu");
        assertThat(MetricNames.inSlice("acc", "region=eu")).isEqualTo("slices.region=eu.acc");
    }

    @Test
    public void shouldReadATableOfOneRowAsMetricsAndOfManyRowsAsSlices() throws Exception {
        TestRepos.write(root(), "one.csv", "accuracy,loss,model\n0.91,0.3,resnet\n");
        TestRepos.write(root(), "slices.tsv", "region\taccuracy\tcount\nall\t0.9\t1000\neu\t0.85\t400\nus\t0.93\t600\n");

        Map<String, JsonNode> one = MetricsFiles.read(root(), List.of("one.csv"));
        assertThat(one.get("accuracy").doubleValue()).isEqualTo(0.91);
        assertThat(one.get("model").textValue()).isEqualTo("resnet");
        Map<String, JsonNode> slices = MetricsFiles.read(root(), List.of("slices.tsv"));
        assertThat(slices.get("accuracy").doubleValue()).isEqualTo(0.9);
        assertThat(slices.get("slices.region=eu.accuracy").doubleValue()).isEqualTo(0.85);
        assertThat(slices.get("slices.region=us.count").intValue()).isEqualTo(600);
    }

    @Test
    public void shouldKeepNanAsTextAndNameTheFileOfBadInput() throws Exception {
        TestRepos.write(root(), "nan.json", "{\"loss\": NaN, \"gain\": -Infinity}");
        TestRepos.write(root(), "bad.csv", "a,b\n1\n");
        TestRepos.write(root(), "bad.toml", "a = = 1\n");

        Map<String, JsonNode> nan = MetricsFiles.read(root(), List.of("nan.json"));
        assertThat(nan.get("loss").textValue()).isEqualTo("NaN");
        assertThat(nan.get("gain").textValue()).isEqualTo("-Infinity");
        assertThatThrownBy(() -> MetricsFiles.read(root(), List.of("bad.csv"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bad.csv").hasMessageContaining("1 cells but the header has 2");
        assertThatThrownBy(() -> MetricsFiles.read(root(), List.of("bad.toml"))).hasMessageContaining("bad.toml")
                .hasMessageContaining("not valid TOML");
        assertThat(MetricsFiles.read(root(), List.of("absent.json"))).isEmpty();
    }

    @Test
    public void shouldReadPredictionsFromCsvAndJsonLines() throws Exception {
        TestRepos.write(root(), "p.csv", "id,label,prediction\na,1,1\nb,0,1\n");
        TestRepos.write(root(), "p.jsonl", "{\"id\": \"a\", \"correct\": true}\n\n{\"id\": \"b\", \"correct\": 0}\n");
        TestRepos.write(root(), "dup.csv", "id,correct\na,1\na,0\n");
        TestRepos.write(root(), "nocol.csv", "id,score\na,0.3\n");
        TestRepos.write(root(), "bad.jsonl", "{\"id\": \"a\", \"correct\": 1}\n{\"correct\": 1}\n");

        assertThat(Predictions.read(root().resolve("p.csv"), "p.csv").correct()).containsExactly(Map.entry("a", true), Map.entry("b", false));
        assertThat(Predictions.read(root().resolve("p.jsonl"), "p.jsonl").correct()).containsExactly(Map.entry("a", true), Map.entry("b", false));
        assertThatThrownBy(() -> Predictions.read(root().resolve("dup.csv"), "dup.csv")).hasMessageContaining("dup.csv:3")
                .hasMessageContaining("appears twice");
        assertThatThrownBy(() -> Predictions.read(root().resolve("nocol.csv"), "nocol.csv")).hasMessageContaining("'correct' column");
        assertThatThrownBy(() -> Predictions.read(root().resolve("bad.jsonl"), "bad.jsonl")).hasMessageContaining("bad.jsonl:2")
                .hasMessageContaining("'id'");
    }
}
