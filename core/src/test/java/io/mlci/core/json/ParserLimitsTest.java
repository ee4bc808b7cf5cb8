package io.mlci.core.json;

import io.mlci.core.InvalidInputException;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.data.pointer.DvcFile;
import io.mlci.core.metrics.MetricsFiles;
import io.mlci.core.run.params.ParamsFiles;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parser bombs a pull request can commit, each refused quickly with the file and the limit named. */
public class ParserLimitsTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    /** Eight levels of seven aliases each, 49 aliases in all: under 400 bytes, 5.7 million values expanded. */
    static String aliasBomb() {
        StringBuilder yaml = new StringBuilder("a: &a [x,x,x,x,x,x,x]\n");
        String previous = "a";
        for (char level = 'b'; level <= 'h'; level++) {
            yaml.append(level).append(": &").append(level).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(7, "*" + previous))).append("]\n");
            previous = String.valueOf(level);
        }
        return yaml.append("train: {command: *h}\n").toString();
    }

    @Test
    public void shouldRefuseAnAliasBombInMlciYamlInUnderASecond() throws Exception {
        Path repo = temp.getRoot().toPath();
        String bomb = aliasBomb();
        assertThat(bomb.length()).isLessThan(400);
        MlciYaml.parse("warm-up", "train: {command: x}\n"); // class loading is not what is timed
        Files.writeString(repo.resolve("mlci.yaml"), bomb);

        long start = System.nanoTime();
        assertThatThrownBy(() -> MlciYaml.load(repo)).isInstanceOf(InvalidInputException.class)
                .hasMessage("mlci.yaml: holds more than 20000 values once its aliases are expanded; the limit keeps alias "
                        + "bombs out");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
    }

    @Test
    public void shouldRefuseMoreThanFiftyAliases() throws Exception {
        Path repo = temp.getRoot().toPath();
        Files.writeString(repo.resolve("mlci.yaml"), "x: &x [1]\ny: [" + String.join(",",
                java.util.Collections.nCopies(51, "*x")) + "]\n");

        assertThatThrownBy(() -> MlciYaml.load(repo)).hasMessageStartingWith("mlci.yaml")
                .hasMessageContaining("max=50");
    }

    @Test
    public void shouldRefuseALargeFileBeforeReadingIt() throws Exception {
        Path repo = temp.getRoot().toPath();
        Files.write(repo.resolve("mlci.yaml"), ("train: {command: '" + "x".repeat(2 << 20) + "'}\n").getBytes());
        Path params = repo.resolve("params.yaml");
        Files.write(params, ("lr: '" + "x".repeat(50 << 20) + "'\n").getBytes());

        assertThatThrownBy(() -> MlciYaml.load(repo))
                .hasMessage("mlci.yaml: is " + Files.size(repo.resolve("mlci.yaml")) + " bytes; the limit for this file is 1 MiB");
        long start = System.nanoTime();
        assertThatThrownBy(() -> ParamsFiles.load(repo, List.of("params.yaml")))
                .hasMessageContaining("params.yaml").hasMessageContaining("the limit for this file is 16 MiB");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
    }

    @Test
    public void shouldRefuseALongStringAndDeepNestingInJson() throws Exception {
        Path repo = temp.getRoot().toPath();
        Files.writeString(repo.resolve("metrics.json"), "{\"note\": \"" + "x".repeat((1 << 20) + 10) + "\"}");
        Files.writeString(repo.resolve("deep.json"), "{\"a\":".repeat(1000) + "1" + "}".repeat(1000));

        assertThatThrownBy(() -> MetricsFiles.read(repo, List.of("metrics.json")))
                .hasMessageStartingWith("metrics.json").hasMessageContaining("String value length");
        assertThatThrownBy(() -> MetricsFiles.read(repo, List.of("deep.json")))
                .hasMessageStartingWith("deep.json").hasMessageContaining("nesting depth");
    }

    @Test
    public void shouldNotExpandAnAliasBombInAPointerFile() throws Exception {
        Path pointer = temp.getRoot().toPath().resolve("data.dvc");
        Files.writeString(pointer, aliasBomb().replace("train: {command: *h}", "outs: *h"));

        long start = System.nanoTime();
        assertThatThrownBy(() -> DvcFile.read(pointer.getParent(), pointer)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("data.dvc: field 'outs");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
    }
}
