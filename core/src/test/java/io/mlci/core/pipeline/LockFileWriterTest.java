package io.mlci.core.pipeline;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

public class LockFileWriterTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldRewriteTheLockDvcWroteForGetStartedByteForByte() throws Exception {
        Path root = temp.getRoot().toPath();
        DvcYamlReaderTest.copyGetStarted(root);
        try (InputStream in = getClass().getResourceAsStream("get-started/dvc.lock")) {
            Files.copy(in, root.resolve("dvc.lock"));
        }
        String written = Files.readString(root.resolve("dvc.lock"));
        Pipelines pipelines = Pipelines.read(root);
        LockFiles locks = new LockFiles(root, pipelines);

        for (Stage stage : pipelines.stages()) {
            locks.put(stage, locks.get(stage));
        }

        assertThat(Files.readString(root.resolve("dvc.lock"))).isEqualTo(written);
    }

    @Test
    public void shouldQuoteOnlyWhatYamlWouldReadAsSomethingElse() {
        assertThat(YamlScalar.string("python train.py --lr=0.1 && echo done")).isEqualTo("python train.py --lr=0.1 && echo done");
        assertThat(YamlScalar.string("2.0")).isEqualTo("'2.0'");
        assertThat(YamlScalar.string("true")).isEqualTo("'true'");
        assertThat(YamlScalar.string("null")).isEqualTo("'null'");
        assertThat(YamlScalar.string("123")).isEqualTo("'123'");
        assertThat(YamlScalar.string("yes")).isEqualTo("yes");
        assertThat(YamlScalar.string("")).isEqualTo("''");
        assertThat(YamlScalar.string("a: b")).isEqualTo("'a: b'");
        assertThat(YamlScalar.string("echo x # y")).isEqualTo("'echo x # y'");
        assertThat(YamlScalar.string("echo x#y")).isEqualTo("echo x#y");
        assertThat(YamlScalar.string("- x")).isEqualTo("'- x'");
        assertThat(YamlScalar.string("'quoted' it")).isEqualTo("'''quoted'' it'");
        assertThat(YamlScalar.string("sweep@0.1-3")).isEqualTo("sweep@0.1-3");
        assertThat(YamlScalar.string("@x")).isEqualTo("'@x'");
        // a multi-line command is written double-quoted: it reads back the same, though ruamel would fold it
        assertThat(YamlScalar.string("line\nbreak")).isEqualTo("\"line\\nbreak\"");
        assertThat(YamlScalar.floating(1e-5)).isEqualTo("1.0e-05");
        assertThat(YamlScalar.floating(0.2)).isEqualTo("0.2");
        assertThat(YamlScalar.floating(1e17)).isEqualTo("1.0e+17");
    }

    @Test
    public void shouldWriteListCommandsNestedParamsAndFoldLongCommands() {
        Map<String, Map<String, com.fasterxml.jackson.databind.JsonNode>> params = new LinkedHashMap<>();
        Map<String, com.fasterxml.jackson.databind.JsonNode> values = new LinkedHashMap<>();
        values.put("layers", JsonNodeFactory.instance.arrayNode().add(64).add(32));
        values.put("opt", JsonNodeFactory.instance.objectNode().put("name", "adam").put("beta", 0.9));
        values.put("seed", IntNode.valueOf(7));
        values.put("tag", TextNode.valueOf("1.0"));
        values.put("none", JsonNodeFactory.instance.nullNode());
        params.put("params.yaml", values);
        params.put("other.json", Map.of("lr", DoubleNode.valueOf(0.001)));
        String longCommand = "python train.py --input data/features --output model.pkl --epochs 100 --learning-rate 0.001 --seed 42";
        LockEntry list = new LockEntry("train@a", List.of("python a.py", "python b.py"), true, List.of(), params,
                List.of(new LockEntry.LockedPath("model.pkl", "d1f6e055f7f5e2827fcfae68d9b64d4c", 10, -1, true, false)));
        LockEntry folded = new LockEntry("long", List.of(longCommand), false, List.of(), Map.of(), List.of());

        String yaml = LockFileWriter.write(List.of(list, folded));

        assertThat(yaml).isEqualTo("""
                schema: '2.0'
                stages:
                  train@a:
                    cmd:
                    - python a.py
                    - python b.py
                    params:
                      params.yaml:
                        layers:
                        - 64
                        - 32
                        opt:
                          name: adam
                          beta: 0.9
                        seed: 7
                        tag: '1.0'
                        none:
                      other.json:
                        lr: 0.001
                    outs:
                    - path: model.pkl
                      hash: md5
                      md5: d1f6e055f7f5e2827fcfae68d9b64d4c
                      size: 10
                      isexec: true
                  long:
                    cmd: python train.py --input data/features --output model.pkl --epochs 100 --learning-rate
                      0.001 --seed 42
                """);
    }
}
