package io.mlci.core.run.params;

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

public class ParamsFilesTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldFlattenNestedParamsWithDots() throws Exception {
        Path root = temp.getRoot().toPath();
        TestRepos.write(root, "params.yaml", "train:\n  lr: 0.1\n  layers: [64, 32]\nseed: 7\nname: base\n");

        Params params = ParamsFiles.load(root, List.of());

        assertThat(params.files()).containsExactly("params.yaml");
        assertThat(params.values().keySet()).containsExactly("name", "seed", "train.layers", "train.lr");
        assertThat(params.values().get("train.lr").doubleValue()).isEqualTo(0.1);
        assertThat(Params.plain(params.values().get("name"))).isEqualTo("base");
        assertThat(Params.plain(params.values().get("train.layers"))).isEqualTo("[64,32]");
    }

    @Test
    public void shouldIgnoreKeyOrderAndNumberSpellingAndFormat() throws Exception {
        Path a = temp.newFolder("a").toPath();
        Path b = temp.newFolder("b").toPath();
        TestRepos.write(a, "params.yaml", "train:\n  lr: 0.10\n  momentum: 9.0e-1\nseed: 7\n");
        TestRepos.write(b, "params.json", "{\"seed\": 7, \"train\": {\"momentum\": 0.9, \"lr\": 0.1}}");

        assertThat(ParamsFiles.load(a, List.of()).values()).isEqualTo(ParamsFiles.load(b, List.of("params.json")).values());
    }

    @Test
    public void shouldKeepIntegersAndFloatsApart() throws Exception {
        Path a = temp.newFolder("a").toPath();
        Path b = temp.newFolder("b").toPath();
        TestRepos.write(a, "params.yaml", "epochs: 1\n");
        TestRepos.write(b, "params.yaml", "epochs: 1.0\n");

        assertThat(ParamsFiles.load(a, List.of()).values()).isNotEqualTo(ParamsFiles.load(b, List.of()).values());
    }

    @Test
    public void shouldLetLaterFilesOverrideEarlierOnes() throws Exception {
        Path root = temp.getRoot().toPath();
        TestRepos.write(root, "base.yaml", "lr: 0.1\nseed: 1\n");
        TestRepos.write(root, "override.json", "{\"lr\": 0.2}");

        Map<String, ?> values = ParamsFiles.load(root, List.of("base.yaml", "override.json")).values();

        assertThat(values.get("lr").toString()).isEqualTo("0.2");
        assertThat(values.get("seed").toString()).isEqualTo("1");
    }

    @Test
    public void shouldHaveNoParamsWithoutADefaultFile() {
        assertThat(ParamsFiles.load(temp.getRoot().toPath(), List.of())).isEqualTo(Params.NONE);
    }

    @Test
    public void shouldRefuseBadParamsFiles() throws Exception {
        Path root = temp.getRoot().toPath();
        TestRepos.write(root, "params.txt", "lr = 0.1\n");
        TestRepos.write(root, "params.toml", "lr = 0.1\n[train]\nepochs = 3\n");
        TestRepos.write(root, "broken.json", "{\"lr\": }");
        TestRepos.write(root, "list.yaml", "- 1\n- 2\n");

        assertThatThrownBy(() -> ParamsFiles.load(root, List.of("params.txt")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("params.txt")
                .hasMessageContaining("YAML (.yaml, .yml), JSON (.json) or TOML (.toml)");
        assertThat(ParamsFiles.load(root, List.of("params.toml")).values().keySet()).containsExactly("lr", "train.epochs");
        assertThatThrownBy(() -> ParamsFiles.load(root, List.of("broken.json")))
                .hasMessageContaining("broken.json").hasMessageContaining("is not valid JSON at line 1");
        assertThatThrownBy(() -> ParamsFiles.load(root, List.of("list.yaml")))
                .hasMessageContaining("list.yaml").hasMessageContaining("mapping");
        assertThatThrownBy(() -> ParamsFiles.load(root, List.of("missing.yaml")))
                .hasMessageContaining("missing.yaml").hasMessageContaining("does not exist");
    }

    @Test
    public void shouldOverrideParamsWhereTheyAreDefined() throws Exception {
        Path root = temp.getRoot().toPath();
        TestRepos.write(root, "params.yaml", "train:\n  lr: 0.1\n  epochs: 5\nname: base\n");

        ParamsOverride.apply(root, List.of(), Map.of("train.lr", "0.01", "name", "tuned"));
        Params params = ParamsFiles.load(root, List.of());

        assertThat(params.values().get("train.lr").doubleValue()).isEqualTo(0.01);
        assertThat(params.values().get("train.epochs").intValue()).isEqualTo(5);
        assertThat(Params.plain(params.values().get("name"))).isEqualTo("tuned");
        assertThatThrownBy(() -> ParamsOverride.apply(root, List.of(), Map.of("train.lrr", "1")))
                .hasMessageContaining("'train.lrr'").hasMessageContaining("known params: name, train.epochs, train.lr");
        assertThatThrownBy(() -> ParamsOverride.parse("lr")).hasMessageContaining("NAME=VALUE");
    }
}
