package io.mlci.core.pipeline;

import io.mlci.core.data.hash.FileHasher;
import io.mlci.core.data.workspace.DataOptions;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.run.TrainOptions;
import io.mlci.core.run.record.StageRun;
import io.mlci.core.testing.TestRepos;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stage status on a real git repository whose dvc.lock was written by running its four-stage
 * pipeline of real Python scripts, and on a lock as DVC writes it.
 */
public class PipelineStatusTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path repo;
    private Path store;

    @Before
    public void setUp() throws Exception {
        repo = temp.newFolder("repo").toPath().toRealPath();
        store = temp.newFolder("store").toPath();
        ReproTest.createPipeline(repo);
    }

    private Map<String, StageStatus> status() {
        try (DataWorkspace data = DataWorkspace.open(repo, DataOptions.defaults())) {
            Map<String, StageStatus> byStage = new LinkedHashMap<>();
            PipelineStatus.read(repo).check(data, List.of()).forEach(s -> byStage.put(s.address(), s));
            return byStage;
        }
    }

    private ReproOutcome repro(boolean dryRun) {
        TrainOptions run = TrainOptions.defaults(Map.of("PATH", System.getenv("PATH"), "HOME", temp.getRoot().toString()),
                        "test").withStore(store.toString()).withExecutor(TrainOptions.ExecutorChoice.LOCAL)
                .withOutput(line -> { }, io.mlci.core.run.exec.OutputSink.NONE);
        return new Repro(repo, new ReproOptions(List.of(), dryRun, false, false, false, false, run)).run();
    }

    @Test
    public void shouldNameEveryChangedDependencyParameterOutputAndCommandPerStage() throws Exception {
        Map<String, StageStatus> before = status();
        assertThat(before.values()).allMatch(StageStatus::neverRun);
        repro(false);
        assertThat(status().values()).allMatch(StageStatus::upToDate);

        Files.writeString(repo.resolve("data/prepared/test.csv"), "1,1\n");
        TestRepos.write(repo, "params.yaml", ReproTest.PARAMS.replace("lr: 0.1", "lr: 0.2").replace("epochs: 3", ""));
        Files.delete(repo.resolve("model.json"));
        TestRepos.write(repo, "dvc.yaml", ReproTest.DVC_YAML.replace("python3 src/evaluate.py model.json data/features",
                "python3 src/evaluate.py model.json data/features --fast"));

        Map<String, StageStatus> after = status();

        assertThat(after.get("prepare").outs()).containsExactly(Map.entry("data/prepared", StageStatus.MODIFIED));
        assertThat(after.get("prepare").deps()).isEmpty();
        assertThat(after.get("featurize").deps()).containsExactly(Map.entry("data/prepared", StageStatus.MODIFIED));
        assertThat(after.get("featurize").upToDate()).isFalse();
        assertThat(after.get("train").params()).containsExactly(Map.entry("params.yaml",
                Map.of("train.epochs", StageStatus.DELETED, "train.lr", StageStatus.MODIFIED)));
        assertThat(after.get("train").outs()).containsExactly(Map.entry("model.json", StageStatus.DELETED));
        assertThat(after.get("evaluate").commandChanged()).isTrue();
        assertThat(after.get("evaluate").deps()).containsExactly(Map.entry("model.json", StageStatus.DELETED));
        assertThat(after.get("train").asDvcJson()).containsExactly(
                Map.of("changed deps", Map.of("params.yaml", Map.of("train.epochs", "deleted", "train.lr", "modified"))),
                Map.of("changed outs", Map.of("model.json", "deleted")));
    }

    @Test
    public void shouldAgreeWithReproOnWhichStagesMustRun() throws Exception {
        repro(false);
        TestRepos.write(repo, "params.yaml", ReproTest.PARAMS.replace("scale: 2", "scale: 3"));
        TestRepos.write(repo, "src/evaluate.py", Files.readString(repo.resolve("src/evaluate.py")) + "# tweak\n");

        Map<String, StageStatus> status = status();
        Map<String, String> dryRun = new LinkedHashMap<>();
        repro(true).stages().forEach(stage -> dryRun.put(stage.stage(), stage.reason() == null ? "" : stage.reason()));

        assertThat(status.get("featurize").params()).containsExactly(Map.entry("params.yaml",
                Map.of("featurize.scale", StageStatus.MODIFIED)));
        assertThat(dryRun.get("featurize")).isEqualTo("param 'featurize.scale' changed");
        assertThat(status.get("evaluate").deps()).containsExactly(Map.entry("src/evaluate.py", StageStatus.MODIFIED));
        assertThat(status.get("prepare").upToDate()).isTrue();
        assertThat(dryRun.get("prepare")).isEmpty();
        // train's own inputs are unchanged: status says so; repro runs it only because featurize runs first
        assertThat(status.get("train").upToDate()).isTrue();
        assertThat(dryRun.get("train")).startsWith("upstream stage featurize");
    }

    @Test
    public void shouldReadALockAsDvcWritesItAndReportAlwaysChangedAndUnrecordedStages() throws Exception {
        String raw = FileHasher.md5Of(repo.resolve("data/raw.csv"));
        String script = FileHasher.md5Of(repo.resolve("src/prepare.py"));
        TestRepos.write(repo, "dvc.yaml", """
                stages:
                  prepare:
                    cmd: python3 src/prepare.py data/raw.csv data/prepared
                    deps:
                    - data/raw.csv
                    - src/prepare.py
                    params:
                    - prepare.split
                    outs:
                    - data/prepared
                  notify:
                    cmd: echo done
                    always_changed: true
                  report:
                    cmd: python3 src/report.py
                    deps:
                    - data/prepared
                """);
        TestRepos.write(repo, "dvc.lock", """
                schema: '2.0'
                stages:
                  prepare:
                    cmd: python3 src/prepare.py data/raw.csv data/prepared
                    deps:
                    - path: data/raw.csv
                      hash: md5
                      md5: %s
                      size: 120
                    - path: src/old.py
                      hash: md5
                      md5: 22a1a2931c8370d3aeedd7183606fd7f
                      size: 10
                    - path: src/prepare.py
                      hash: md5
                      md5: %s
                      size: 100
                    params:
                      params.yaml:
                        prepare.split: 0.2
                    outs:
                    - path: data/prepared
                      hash: md5
                      md5: 153aad06d376b6595932470e459ef42a.dir
                      size: 8437363
                      nfiles: 2
                  notify:
                    cmd: echo done
                """.formatted(raw, script));

        Map<String, StageStatus> status = status();

        StageStatus prepare = status.get("prepare");
        assertThat(prepare.deps()).containsExactly(Map.entry("src/old.py", StageStatus.REMOVED));
        assertThat(prepare.params()).containsExactly(Map.entry("params.yaml", Map.of("prepare.split", StageStatus.MODIFIED)));
        assertThat(prepare.outs()).containsExactly(Map.entry("data/prepared", StageStatus.DELETED));
        assertThat(status.get("notify").alwaysChanged()).isTrue();
        assertThat(status.get("notify").asDvcJson()).containsExactly("always changed");
        assertThat(status.get("report").neverRun()).isTrue();
        assertThat(status.get("report").asDvcJson()).containsExactly("not in dvc.lock");
        assertThat(StageChange.reason(prepareStage(), null, null)).isEqualTo("no entry in dvc.lock");
    }

    private Stage prepareStage() {
        return Pipelines.read(repo).stages().get(0);
    }
}
