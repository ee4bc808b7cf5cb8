package io.mlci.core.pipeline;

import io.mlci.core.InvalidInputException;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class DvcYamlReaderTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path root;

    private DvcYaml read(String dvcYaml) throws IOException {
        root = root == null ? temp.getRoot().toPath() : root;
        Files.writeString(root.resolve("dvc.yaml"), dvcYaml);
        return new DvcYamlReader(root).read("dvc.yaml");
    }

    private void write(String name, String text) throws IOException {
        root = root == null ? temp.getRoot().toPath() : root;
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static List<String> names(DvcYaml file) {
        return file.stages().stream().map(Stage::name).toList();
    }

    static void copyGetStarted(Path root) throws IOException {
        for (String name : List.of("dvc.yaml", "params.yaml")) {
            try (InputStream in = DvcYamlReaderTest.class.getResourceAsStream("get-started/" + name)) {
                Files.copy(in, root.resolve(name));
            }
        }
    }

    @Test
    public void shouldReadTheGetStartedPipeline() throws IOException {
        root = temp.getRoot().toPath();
        copyGetStarted(root);

        DvcYaml file = new DvcYamlReader(root).read("dvc.yaml");

        assertThat(names(file)).containsExactly("prepare", "featurize", "train", "evaluate");
        Stage prepare = file.stage("prepare").orElseThrow();
        assertThat(prepare.cmd()).containsExactly("python src/prepare.py data/data.xml");
        assertThat(prepare.depPaths()).containsExactly("data/data.xml", "src/prepare.py");
        assertThat(prepare.params()).containsExactly(
                new ParamsDependency("params.yaml", "params.yaml", List.of("prepare.seed", "prepare.split")));
        assertThat(prepare.outPaths()).containsExactly("data/prepared");
        assertThat(file.metrics()).containsExactly("eval/metrics.json");
        assertThat(file.plots()).contains("eval/plots/sklearn/roc/train.json", "eval/plots/images/importance.png");
        Artifact model = file.artifacts().get(1);
        assertThat(model.name()).isEqualTo("text-classification");
        assertThat(model.workspacePath()).isEqualTo("model.pkl");
        assertThat(model.type()).isEqualTo("model");
        assertThat(model.labels()).containsExactly("nlp", "classification", "stackoverflow");
    }

    @Test
    public void shouldReadEveryOutputFlagAndStageField() throws IOException {
        DvcYaml file = read("""
                stages:
                  train:
                    desc: Trains the model
                    cmd:
                    - python prep.py
                    - python train.py
                    deps: [train.py]
                    params:
                    - lr
                    - custom.yaml: [depth, opt.name]
                    - whole.json:
                    outs:
                    - model.pkl
                    - ckpt: {persist: true, cache: false, push: false, remote: backup}
                    metrics:
                    - metrics.json: {cache: false}
                    plots:
                    - plots.csv: {x: step, y: loss}
                    frozen: true
                    always_changed: true
                    meta: {owner: ml-team}
                """);

        Stage train = file.stages().get(0);
        assertThat(train.cmd()).containsExactly("python prep.py", "python train.py");
        assertThat(train.cmdIsList()).isTrue();
        assertThat(train.params()).extracting(ParamsDependency::path, ParamsDependency::keys).containsExactly(
                org.assertj.core.groups.Tuple.tuple("params.yaml", List.of("lr")),
                org.assertj.core.groups.Tuple.tuple("custom.yaml", List.of("depth", "opt.name")),
                org.assertj.core.groups.Tuple.tuple("whole.json", List.of()));
        assertThat(train.outs()).containsExactly(
                new StageOutput("model.pkl", "model.pkl", StageOutput.Kind.OUT, true, false, true, null),
                new StageOutput("ckpt", "ckpt", StageOutput.Kind.OUT, false, true, false, "backup"),
                new StageOutput("metrics.json", "metrics.json", StageOutput.Kind.METRIC, false, false, true, null),
                new StageOutput("plots.csv", "plots.csv", StageOutput.Kind.PLOT, true, false, true, null));
        assertThat(train.frozen()).isTrue();
        assertThat(train.alwaysChanged()).isTrue();
        assertThat(train.desc()).isEqualTo("Trains the model");
        assertThat(train.meta().get("owner").asText()).isEqualTo("ml-team");
    }

    @Test
    public void shouldNameForeachStagesByItemKeyOrIndex() throws IOException {
        write("params.yaml", "models: [small, large]\n");
        DvcYaml file = read("""
                stages:
                  train:
                    foreach: [a, b]
                    do:
                      cmd: python train.py ${item}
                      outs:
                      - model-${item}.pkl
                  per-model:
                    foreach: ${models}
                    do:
                      cmd: echo ${item}
                  regions:
                    foreach:
                      us: {size: 10}
                      eu: {size: 20}
                    do:
                      cmd: python split.py --region ${key} --size ${item.size}
                  configs:
                    foreach:
                    - {lr: 0.1}
                    - {lr: 0.01}
                    do:
                      cmd: python train.py --lr ${item.lr}
                """);

        assertThat(names(file)).containsExactly("train@a", "train@b", "per-model@small", "per-model@large",
                "regions@us", "regions@eu", "configs@0", "configs@1");
        assertThat(file.stage("train@b").orElseThrow().cmd()).containsExactly("python train.py b");
        assertThat(file.stage("train@b").orElseThrow().outPaths()).containsExactly("model-b.pkl");
        assertThat(file.stage("regions@eu").orElseThrow().cmd()).containsExactly("python split.py --region eu --size 20");
        assertThat(file.stage("configs@1").orElseThrow().cmd()).containsExactly("python train.py --lr 0.01");
        assertThat(file.stage("train@a").orElseThrow().group()).isEqualTo("train");
    }

    @Test
    public void shouldNameMatrixStagesByTheirValues() throws IOException {
        DvcYaml file = read("""
                stages:
                  sweep:
                    matrix:
                      lr: [0.1, 0.01]
                      depth: [3, 5]
                    cmd: python train.py --lr ${item.lr} --depth ${item.depth} --name ${key}
                  opt:
                    matrix:
                      optimizer: [{name: adam}, {name: sgd}]
                      flag: [true]
                    cmd: echo ${item.optimizer.name}
                """);

        assertThat(names(file)).containsExactly("sweep@0.1-3", "sweep@0.1-5", "sweep@0.01-3", "sweep@0.01-5",
                "opt@optimizer0-true", "opt@optimizer1-true");
        assertThat(file.stage("sweep@0.01-5").orElseThrow().cmd())
                .containsExactly("python train.py --lr 0.01 --depth 5 --name 0.01-5");
        assertThat(file.stage("opt@optimizer1-true").orElseThrow().cmd()).containsExactly("echo sgd");
    }

    @Test
    public void shouldInterpolateDottedKeysListIndicesAndKeepTypes() throws IOException {
        write("params.yaml", """
                train:
                  lr: 0.00001
                  epochs: 10
                  layers: [64, 32]
                  big: 1.0e16
                data: {dir: data/raw}
                """);
        write("config/extra.yaml", "threshold: 0.5\nunused: 1\n");
        DvcYaml file = read("""
                vars:
                - config/extra.yaml:threshold
                - name: fraud
                  enabled: true
                stages:
                  train:
                    cmd: python train.py ${train.lr} ${train.layers[1]} ${train.big} ${threshold} ${enabled} \\${literal}
                    deps:
                    - ${data.dir}
                    outs:
                    - models/${name}.pkl
                    frozen: ${enabled}
                """);

        Stage train = file.stages().get(0);
        assertThat(train.cmd()).containsExactly("python train.py 1e-05 32 1e+16 0.5 true ${literal}");
        assertThat(train.depPaths()).containsExactly("data/raw");
        assertThat(train.outPaths()).containsExactly("models/fraud.pkl");
        assertThat(train.frozen()).isTrue();
    }

    @Test
    public void shouldUnpackAMappingIntoCmdArguments() throws IOException {
        write("params.yaml", """
                train:
                  lr: 0.1
                  name: my model
                  verbose: true
                  quiet: false
                  layers: [64, 32]
                  opt: {beta: 0.9}
                """);
        DvcYaml file = read("""
                stages:
                  train:
                    cmd: python train.py ${train}
                """);

        assertThat(file.stages().get(0).cmd()).containsExactly(
                "python train.py --lr 0.1 --name 'my model' --verbose --layers 64 32 --opt.beta 0.9");
    }

    @Test
    public void shouldRefuseAMappingOutsideCmd() throws IOException {
        write("params.yaml", "train: {lr: 0.1}\n");

        assertThatThrownBy(() -> read("""
                stages:
                  train:
                    cmd: echo
                    deps:
                    - ${train}
                """)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("dvc.yaml").hasMessageContaining("stages.train.deps")
                .hasMessageContaining("cannot interpolate data of type 'dict'");
    }

    @Test
    public void shouldNameFileStageAndKeyOfAMissingVariable() throws IOException {
        assertThatThrownBy(() -> read("""
                stages:
                  train:
                    cmd: python train.py ${train.lr}
                """)).isInstanceOf(InvalidInputException.class)
                .hasMessage("dvc.yaml: field 'stages.train.cmd': could not find 'train.lr'");
    }

    @Test
    public void shouldRefuseVarsDefinedTwice() throws IOException {
        write("params.yaml", "lr: 0.1\n");

        assertThatThrownBy(() -> read("""
                vars:
                - lr: 0.2
                stages:
                  train:
                    cmd: echo ${lr}
                """)).isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot merge 'lr'");
    }

    @Test
    public void shouldRefuseUnknownKeysAndWrongTypesNamingThem() throws IOException {
        assertThatThrownBy(() -> read("""
                stages:
                  train:
                    cmd: echo
                    output: [x]
                """)).hasMessageContaining("dvc.yaml: field 'stages.train.output': unknown key");
        assertThatThrownBy(() -> read("""
                stages:
                  train:
                    deps: [x]
                """)).hasMessageContaining("field 'stages.train.cmd': is required");
        assertThatThrownBy(() -> read("""
                stages:
                  train:
                    cmd: echo
                    outs: [{model.pkl: {cache: maybe}}]
                """)).hasMessageContaining("field 'stages.train.outs[0].model.pkl.cache': expected true or false");
        assertThatThrownBy(() -> read("""
                stages:
                  train:
                    cmd: echo
                    deps: [../outside.csv]
                """)).hasMessageContaining("field 'stages.train.deps[0]'").hasMessageContaining("outside the repository");
        assertThatThrownBy(() -> read("""
                stages:
                  train:
                    foreach: 3
                    do: {cmd: echo}
                """)).hasMessageContaining("field 'stages.train.foreach': expected a list or a mapping");
        assertThatThrownBy(() -> read("""
                stages:
                  train@x:
                    cmd: echo
                """)).hasMessageContaining("invalid stage name 'train@x'");
    }

    @Test
    public void shouldResolvePathsAgainstWdirAndSubdirectoryPipelines() throws IOException {
        write("sub/params.yaml", "size: 3\n");
        write("sub/dvc.yaml", """
                stages:
                  split:
                    wdir: work
                    cmd: python split.py ${size}
                    deps: [../raw.csv]
                    params: [size]
                    outs: [parts]
                metrics:
                - work/metrics.json
                """);
        write("dvc.yaml", "stages:\n  top:\n    cmd: echo\n");

        Pipelines pipelines = Pipelines.read(root);

        assertThat(pipelines.files()).extracting(DvcYaml::file).containsExactly("dvc.yaml", "sub/dvc.yaml");
        Stage split = pipelines.files().get(1).stages().get(0);
        assertThat(split.address()).isEqualTo("sub/dvc.yaml:split");
        assertThat(split.wdir()).isEqualTo("sub/work");
        assertThat(split.cmd()).containsExactly("python split.py 3");
        assertThat(split.depPaths()).containsExactly("sub/raw.csv");
        assertThat(split.outPaths()).containsExactly("sub/work/parts");
        assertThat(split.params().get(0).workspacePath()).isEqualTo("sub/work/params.yaml");
        assertThat(pipelines.metricsFiles()).containsExactly("sub/work/metrics.json");
        assertThat(pipelines.files().get(1).lockFile()).isEqualTo("sub/dvc.lock");
    }

    @Test
    public void shouldLoadStageVarsRelativeToWdir() throws IOException {
        write("exp/cfg.yaml", "epochs: 7\n");
        DvcYaml file = read("""
                stages:
                  train:
                    wdir: exp
                    vars: [cfg.yaml]
                    cmd: python train.py --epochs ${epochs}
                """);

        assertThat(file.stages().get(0).cmd()).containsExactly("python train.py --epochs 7");
    }

    @Test
    public void shouldPrintFloatsAsPython() {
        assertThat(PythonText.floatRepr(0.1)).isEqualTo("0.1");
        assertThat(PythonText.floatRepr(1.0)).isEqualTo("1.0");
        assertThat(PythonText.floatRepr(1e-5)).isEqualTo("1e-05");
        assertThat(PythonText.floatRepr(0.0001)).isEqualTo("0.0001");
        assertThat(PythonText.floatRepr(1.5e16)).isEqualTo("1.5e+16");
        assertThat(PythonText.floatRepr(123456789.0)).isEqualTo("123456789.0");
        assertThat(PythonText.floatRepr(-2.5e-7)).isEqualTo("-2.5e-07");
    }
}
