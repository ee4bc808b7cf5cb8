package io.mlci.core.config;

import io.mlci.core.InvalidInputException;
import org.junit.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class MlciYamlTest {

    @Test
    public void shouldGiveEveryFieldADefaultForAnEmptyFile() {
        MlciConfig config = MlciYaml.parse("mlci.yaml", "");

        assertThat(config.data().pointers()).isEmpty();
        assertThat(config.data().remote()).isNull();
        assertThat(config.train().command()).isNull();
        assertThat(config.train().agent()).isEqualTo("gpu");
        assertThat(config.train().code()).containsExactly(".");
        assertThat(config.train().retries()).isZero();
        assertThat(config.train().timeout()).isNull();
        assertThat(config.metrics().files()).containsExactly("metrics.json");
        assertThat(config.store()).isNull();
        assertThat(config.model()).isNull();
    }

    @Test
    public void shouldUseDefaultsWhenTheRepositoryHasNoFile() {
        MlciConfig config = MlciYaml.load(Path.of("/nonexistent-mlci-repo"));

        assertThat(config.source()).isEqualTo("(defaults)");
        assertThat(config.train().command()).isNull();
    }

    @Test
    public void shouldReadTheExampleRepositorysFile() {
        MlciConfig config = MlciYaml.load(Path.of("..", "examples", "quickstart"));

        assertThat(config.train().command().shell()).isEqualTo("python3 train.py");
        assertThat(config.train().outputs()).containsExactly("model/");
        assertThat(config.train().checkpoints()).isEqualTo(new CheckpointConfig("checkpoints", Duration.ofSeconds(5)));
        assertThat(config.train().timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.train().retries()).isEqualTo(1);
        assertThat(config.metrics().predictions()).isEqualTo("predictions.csv");
        assertThat(config.model()).isEqualTo("quickstart-classifier");
        assertThat(config.gate().get("rules").items()).hasSize(2);
    }

    @Test
    public void shouldReadThePytorchExampleWithAStockImageAndAllowedDockerArgs() {
        MlciConfig config = MlciYaml.load(Path.of("..", "examples", "pytorch"));

        assertThat(config.train().image()).isEqualTo("pytorch/pytorch:2.4.0-cuda12.1-cudnn9-runtime");
        assertThat(config.train().gpus()).isEqualTo(GpuRequest.REQUIRED);
        assertThat(io.mlci.core.run.docker.DockerArgsPolicy.trusting("").check(config.train().dockerArgs(), "mlci.yaml",
                "train.dockerArgs")).containsExactly("--shm-size=16g");
    }

    @Test
    public void shouldReadGpusAndTheRegistry() {
        TrainConfig train = MlciYaml.parse("mlci.yaml", """
                train:
                  gpus: optional
                  registry: registry.example.com
                  registryCredentialsId: harbor-ci
                """).train();

        assertThat(train.gpus()).isEqualTo(GpuRequest.OPTIONAL);
        assertThat(train.registry()).isEqualTo("registry.example.com");
        assertThat(train.registryCredentialsId()).isEqualTo("harbor-ci");
        assertThat(MlciYaml.parse("mlci.yaml", "train:\n  gpus: false\n").train().gpus()).isEqualTo(GpuRequest.NONE);
        assertThat(MlciYaml.parse("mlci.yaml", "train: {}\n").train().gpus()).isEqualTo(GpuRequest.REQUIRED);
        assertThatThrownBy(() -> MlciYaml.parse("mlci.yaml", "train:\n  gpus: maybe\n"))
                .hasMessageContaining("train.gpus").hasMessageContaining("expected true (GPUs needed), optional");
    }

    @Test
    public void shouldReadEverySection() {
        MlciConfig config = MlciYaml.parse("mlci.yaml", """
                data:
                  pointers: [data.dvc, dvc.lock:prepare]
                  remote: s3store
                train:
                  command: [python, train.py, --epochs, "3"]
                  image: pytorch/pytorch:2.4.0-cuda12.1-cudnn9-runtime
                  agent: gpu-a10
                  params: params.yaml
                  code: [src/, train.py]
                  outputs: [model.pt]
                  checkpoints: ckpt/
                  env: { CUDA_VISIBLE_DEVICES: "0", EMPTY: }
                  timeout: 1h30m
                  retries: 2
                  dockerArgs: [--shm-size=16g]
                store: s3://ml-runs/churn
                """);

        assertThat(config.data().pointers()).containsExactly("data.dvc", "dvc.lock:prepare");
        assertThat(config.data().remote()).isEqualTo("s3store");
        assertThat(config.train().command().argv()).containsExactly("python", "train.py", "--epochs", "3");
        assertThat(config.train().command().display()).isEqualTo("python train.py --epochs 3");
        assertThat(config.train().params()).containsExactly("params.yaml");
        assertThat(config.train().checkpoints()).isEqualTo(new CheckpointConfig("ckpt/", CheckpointConfig.DEFAULT_INTERVAL));
        assertThat(config.train().env()).isEqualTo(Map.of("CUDA_VISIBLE_DEVICES", "0", "EMPTY", ""));
        assertThat(config.train().timeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(config.train().dockerArgs()).isEqualTo(List.of("--shm-size=16g"));
        assertThat(config.store()).isEqualTo("s3://ml-runs/churn");
    }

    @Test
    public void shouldRefuseAnUnknownKeyNamingLineFieldAndTheAllowedKeys() {
        assertThatThrownBy(() -> MlciYaml.parse("mlci.yaml", "train:\n  command: x\n  timout: 1h\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mlci.yaml:3")
                .hasMessageContaining("'train.timout'")
                .hasMessageContaining("did you mean 'timeout'?")
                .hasMessageContaining("allowed here: command, image, agent");
    }

    @Test
    public void shouldRefuseAnUnknownTopLevelSection() {
        assertThatThrownBy(() -> MlciYaml.parse("mlci.yaml", "pipeline: {}\n"))
                .hasMessageContaining("mlci.yaml:1")
                .hasMessageContaining("allowed here: data, train, metrics, gate, model, store");
    }

    @Test
    public void shouldRefuseUnknownGateKeysButLeaveRulesToTheGate() {
        assertThat(MlciYaml.parse("mlci.yaml", "gate:\n  rules: [\"accuracy >= 0.8\"]\n").gate().get("rules").items())
                .hasSize(1);
        assertThatThrownBy(() -> MlciYaml.parse("mlci.yaml", "gate:\n  baseline: none\n  rule: []\n"))
                .hasMessageContaining("mlci.yaml:3").hasMessageContaining("did you mean 'rules'?");
    }

    @Test
    public void shouldReadTrainNodesAsAWholeNumberOfOneOrMore() {
        assertThat(MlciYaml.parse("mlci.yaml", "").train().nodes()).isEqualTo(1);
        assertThat(MlciYaml.parse("mlci.yaml", "train:\n  nodes: 4\n").train().nodes()).isEqualTo(4);
        for (String bad : List.of("0", "-2", "two", "1.5", "[2]", "65", "99999999999")) {
            assertThatThrownBy(() -> MlciYaml.parse("mlci.yaml", "train:\n  command: x\n  nodes: " + bad + "\n"))
                    .as(bad).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("mlci.yaml:3").hasMessageContaining("'train.nodes'")
                    .hasMessageContaining("whole number from 1 to 64");
        }
        assertThatThrownBy(() -> MlciYaml.parse("mlci.yaml", "train:\n  nods: 2\n"))
                .hasMessageContaining("did you mean 'nodes'?");
    }

    @Test
    public void shouldNameTheFieldOfAWrongType() {
        assertThatThrownBy(() -> MlciYaml.parse("mlci.yaml", "train:\n  retries: many\n"))
                .hasMessageContaining("mlci.yaml:2").hasMessageContaining("'train.retries'")
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> MlciYaml.parse("mlci.yaml", "train:\n  retries: -1\n"))
                .hasMessageContaining("'train.retries'");
        assertThatThrownBy(() -> MlciYaml.parse("mlci.yaml", "train:\n  timeout: soon\n"))
                .hasMessageContaining("'train.timeout'").hasMessageContaining("90s, 30m, 2h");
        assertThatThrownBy(() -> MlciYaml.parse("mlci.yaml", "train:\n  env: [A, B]\n"))
                .hasMessageContaining("'train.env'").hasMessageContaining("NAME: value");
        assertThatThrownBy(() -> MlciYaml.parse("mlci.yaml", "train:\n  outputs:\n    - a\n    - {b: c}\n"))
                .hasMessageContaining("mlci.yaml:4").hasMessageContaining("'train.outputs[1]'");
        assertThatThrownBy(() -> MlciYaml.parse("mlci.yaml", "train: python train.py\n"))
                .hasMessageContaining("'train'").hasMessageContaining("expected a mapping");
        assertThatThrownBy(() -> MlciYaml.parse("mlci.yaml", "train:\n  command: \"  \"\n"))
                .hasMessageContaining("'train.command'").hasMessageContaining("is empty; give the command that trains");
        assertThatThrownBy(() -> MlciYaml.parse("mlci.yaml", "model:\n  deploy: \"\"\n"))
                .hasMessageContaining("mlci.yaml:2").hasMessageContaining("'model.deploy'")
                .hasMessageContaining("the command that deploys");
        assertThatThrownBy(() -> MlciYaml.parse("mlci.yaml", "model:\n  deploy: {run: x}\n"))
                .hasMessageContaining("'model.deploy'").hasMessageContaining("non-empty list of arguments");
    }

    @Test
    public void shouldRefusePathsThatLeaveTheRepository() {
        assertThatThrownBy(() -> MlciYaml.parse("mlci.yaml", "train:\n  outputs: [../model.pt]\n"))
                .hasMessageContaining("'train.outputs[0]'").hasMessageContaining("leads out of the repository");
        assertThatThrownBy(() -> MlciYaml.parse("mlci.yaml", "metrics:\n  files: /tmp/metrics.json\n"))
                .hasMessageContaining("'metrics.files'").hasMessageContaining("is absolute");
        assertThatThrownBy(() -> MlciYaml.parse("mlci.yaml", "train:\n  checkpoints: {interval: 10s}\n"))
                .hasMessageContaining("'train.checkpoints'").hasMessageContaining("needs 'path'");
    }

    @Test
    public void shouldReportMalformedYamlWithItsLine() {
        assertThatThrownBy(() -> MlciYaml.parse("mlci.yaml", "train:\n  command: [a, b\n  image: x\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("mlci.yaml:").hasMessageContaining("malformed YAML");
    }

    @Test
    public void shouldRefuseDuplicateKeys() {
        assertThatThrownBy(() -> MlciYaml.parse("mlci.yaml", "train:\n  command: a\n  command: b\n"))
                .hasMessageContaining("mlci.yaml:3").hasMessageContaining("duplicate key");
    }

    @Test
    public void shouldParseDurations() {
        assertThat(Section.parseDuration("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Section.parseDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Section.parseDuration("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Section.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Section.parseDuration("1x")).isNull();
        assertThat(Section.parseDuration("h")).isNull();
    }
}
