package io.mlci.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlci.core.InvalidInputException;
import io.mlci.core.data.pointer.DvcLock;
import io.mlci.core.data.pointer.LockStage;
import io.mlci.core.run.ContainerOverrides;
import io.mlci.core.run.TrainOptions;
import io.mlci.core.run.cost.CostTotals;
import io.mlci.core.run.cost.Prices;
import io.mlci.core.run.record.Resources;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.RunStatus;
import io.mlci.core.run.record.StageRun;
import io.mlci.core.testing.FakeDocker;
import io.mlci.core.storage.FileTrees;
import io.mlci.core.testing.GitRepos;
import io.mlci.core.testing.TestRepos;
import org.eclipse.jgit.api.Git;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Runs a four-stage pipeline of real Python scripts through real processes, a real git repo and a local store. */
public class ReproTest {

    static final String DVC_YAML = """
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
              featurize:
                cmd: python3 src/featurize.py data/prepared data/features
                deps:
                - data/prepared
                - src/featurize.py
                params:
                - featurize.scale
                outs:
                - data/features
              train:
                cmd: python3 src/train.py data/features model.json
                deps:
                - data/features
                - src/train.py
                params:
                - train.lr
                - train.epochs
                outs:
                - model.json
              evaluate:
                cmd: python3 src/evaluate.py model.json data/features
                deps:
                - data/features
                - model.json
                - src/evaluate.py
                metrics:
                - eval/metrics.json:
                    cache: false
            metrics:
            - eval/metrics.json
            """;

    static final String PARAMS = """
            prepare:
              split: 0.25
            featurize:
              scale: 2
            train:
              lr: 0.1
              epochs: 3
            """;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path repo;
    private Path store;
    private final List<String> said = new ArrayList<>();

    @Before
    public void setUp() throws Exception {
        repo = temp.newFolder("repo").toPath();
        store = temp.newFolder("store").toPath();
        createPipeline(repo);
    }

    static void createPipeline(Path repo) throws Exception {
        Git git = GitRepos.init(repo);
        TestRepos.write(repo, "dvc.yaml", DVC_YAML);
        TestRepos.write(repo, "params.yaml", PARAMS);
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            raw.append(i).append(',').append(i % 3).append('\n');
        }
        TestRepos.write(repo, "data/raw.csv", raw.toString());
        TestRepos.write(repo, "src/prepare.py", """
                import os, sys
                split = float(open('params.yaml').read().split('split:')[1].split()[0])
                rows = open(sys.argv[1]).read().splitlines()
                cut = int(len(rows) * (1 - split))
                os.makedirs(sys.argv[2], exist_ok=True)
                open(os.path.join(sys.argv[2], 'train.csv'), 'w').write('\\n'.join(rows[:cut]) + '\\n')
                open(os.path.join(sys.argv[2], 'test.csv'), 'w').write('\\n'.join(rows[cut:]) + '\\n')
                """);
        TestRepos.write(repo, "src/featurize.py", """
                import os, sys
                scale = float(open('params.yaml').read().split('scale:')[1].split()[0])
                os.makedirs(sys.argv[2], exist_ok=True)
                for name in ('train.csv', 'test.csv'):
                    rows = [r.split(',') for r in open(os.path.join(sys.argv[1], name)).read().split()]
                    out = ['%s,%s' % (float(x) * scale, y) for x, y in rows]
                    open(os.path.join(sys.argv[2], name), 'w').write('\\n'.join(out) + '\\n')
                """);
        TestRepos.write(repo, "src/train.py", """
                import json, os, sys
                rows = [r.split(',') for r in open(os.path.join(sys.argv[1], 'train.csv')).read().split()]
                lr = float(open('params.yaml').read().split('lr:')[1].split()[0])
                mean = sum(float(x) for x, _ in rows) / len(rows)
                json.dump({'mean': mean, 'lr': lr}, open(sys.argv[2], 'w'))
                """);
        TestRepos.write(repo, "src/evaluate.py", """
                import json, os, sys
                model = json.load(open(sys.argv[1]))
                rows = [r.split(',') for r in open(os.path.join(sys.argv[2], 'test.csv')).read().split()]
                os.makedirs('eval', exist_ok=True)
                acc = sum(1 for x, y in rows if (float(x) > model['mean']) == (y == '2')) / len(rows)
                json.dump({'accuracy': round(acc, 4), 'rows': len(rows)}, open('eval/metrics.json', 'w'))
                """);
        TestRepos.write(repo, ".gitignore", "/data/prepared\n/data/features\n/model.json\n/eval\n/.mlci\n/.dvc/cache\n");
        GitRepos.commitAll(git, "pipeline");
        git.close();
    }

    private ReproOutcome repro(Path root, ReproOptions options) {
        return new Repro(root, options).run();
    }

    private ReproOptions options(boolean dryRun, boolean force, List<String> targets) {
        TrainOptions run = TrainOptions.defaults(Map.of("PATH", System.getenv("PATH"), "HOME", temp.getRoot().toString()),
                        "test").withStore(store.toString()).withExecutor(TrainOptions.ExecutorChoice.LOCAL)
                .withOutput(said::add, io.mlci.core.run.exec.OutputSink.NONE);
        return new ReproOptions(targets, dryRun, force, false, false, false, run);
    }

    private ReproOptions priced(String pricePerHour) {
        TrainOptions run = TrainOptions.defaults(Map.of("PATH", System.getenv("PATH"), "HOME", temp.getRoot().toString(),
                        Prices.PRICE_VARIABLE, pricePerHour), "test").withStore(store.toString())
                .withExecutor(TrainOptions.ExecutorChoice.LOCAL).withOutput(said::add, io.mlci.core.run.exec.OutputSink.NONE);
        return new ReproOptions(List.of(), false, false, false, false, false, run);
    }

    private static Map<String, String> states(List<StageRun> stages) {
        Map<String, String> states = new java.util.LinkedHashMap<>();
        stages.forEach(stage -> states.put(stage.stage(), stage.state()));
        return states;
    }

    private ReproOutcome repro() {
        return repro(repo, options(false, false, List.of()));
    }

    private static Map<String, String> states(ReproOutcome outcome) {
        Map<String, String> states = new java.util.LinkedHashMap<>();
        outcome.stages().forEach(stage -> states.put(stage.stage(), stage.state()));
        return states;
    }

    @Test
    public void shouldRunEveryStageOnceThenNothing() throws Exception {
        ReproOutcome first = repro();

        assertThat(states(first)).containsExactly(Map.entry("prepare", "ran"), Map.entry("featurize", "ran"),
                Map.entry("train", "ran"), Map.entry("evaluate", "ran"));
        assertThat(first.record().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(first.record().stages()).hasSize(4);
        assertThat(first.record().metrics()).containsKeys("accuracy", "rows");
        String lock = Files.readString(repo.resolve("dvc.lock"));

        ReproOutcome second = repro();

        assertThat(states(second).values()).containsOnly("unchanged");
        assertThat(Files.readString(repo.resolve("dvc.lock"))).isEqualTo(lock);
        assertThat(second.record().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(second.record().metrics()).isEqualTo(first.record().metrics());
    }

    /** The stand-in docker client runs each "container" as a local process: no engine runs here. */
    @Test
    public void shouldRunEveryStageInTheImageGivenInsteadOfMlciYamls() throws Exception {
        TestRepos.write(repo, "mlci.yaml", "train:\n  image: python:3.11\n  gpus: false\n");
        FakeDocker docker = FakeDocker.install(temp.newFolder("bin").toPath());
        Map<String, String> env = Map.of("PATH", System.getenv("PATH"), "HOME", temp.getRoot().toString(),
                "MLCI_DOCKER", docker.binary(), "MLCI_DOCKER_HOST_PATH", "/:/");
        TrainOptions run = TrainOptions.defaults(env, "test").withStore(store.toString())
                .withOutput(said::add, io.mlci.core.run.exec.OutputSink.NONE)
                .withContainer(new ContainerOverrides("python:3.12-slim", null, List.of("--shm-size=1g")));

        ReproOutcome outcome = repro(repo, new ReproOptions(List.of(), false, false, false, false, false, run));

        assertThat(states(outcome).values()).containsOnly("ran");
        List<String> runs = docker.lines().stream().filter(line -> line.startsWith("run --rm --name")).toList();
        assertThat(runs).hasSize(4).allMatch(line -> line.contains("--shm-size=1g python@sha256:" + "2".repeat(64)));
        assertThat(runs.get(0)).contains("python3 src/prepare.py data/raw.csv data/prepared");
        assertThat(docker.lines()).noneMatch(line -> line.contains("python:3.11"));
        assertThat(outcome.record().image()).isEqualTo("python:3.12-slim");
        assertThat(outcome.record().imageDigest()).as("recorded as mlci train records it")
                .isEqualTo("python@sha256:" + "2".repeat(64));

        TrainOptions refused = run.withContainer(new ContainerOverrides(null, null, List.of("--privileged")));
        assertThatThrownBy(() -> repro(repo, new ReproOptions(List.of(), false, true, false, false, false, refused)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--docker-args");
    }

    /** The stand-in docker client reports two A10G GPUs; the commands get them as mlci train's would. */
    @Test
    public void shouldCheckTheGpusOnceAndGiveThemToEveryStageInTheImage() throws Exception {
        TestRepos.write(repo, "mlci.yaml", "train:\n  image: python:3.11\n  gpus: true\n");
        FakeDocker docker = FakeDocker.install(temp.newFolder("bin").toPath());
        Map<String, String> env = Map.of("PATH", System.getenv("PATH"), "HOME", temp.getRoot().toString(),
                "MLCI_DOCKER", docker.binary(), "MLCI_DOCKER_HOST_PATH", "/:/");
        TrainOptions run = TrainOptions.defaults(env, "test").withStore(store.toString())
                .withOutput(said::add, io.mlci.core.run.exec.OutputSink.NONE);

        RunRecord record = repro(repo, new ReproOptions(List.of(), false, false, false, false, false, run)).record();

        List<String> lines = docker.lines();
        int firstStage = lines.indexOf(lines.stream().filter(line -> line.startsWith("run --rm --name")).findFirst()
                .orElseThrow());
        assertThat(lines.subList(0, firstStage)).anyMatch(line -> line.contains("io.mlci.run=gpu-check"));
        assertThat(lines.subList(firstStage, lines.size())).as("checked once, before the first stage")
                .noneMatch(line -> line.contains("io.mlci.run=gpu-check"));
        assertThat(docker.lines().stream().filter(line -> line.startsWith("run --rm --name")))
                .hasSize(4).allMatch(line -> line.contains(" --gpus all "));
        assertThat(record.gpus().count()).isEqualTo(2);
        assertThat(record.imageDigest()).isEqualTo("python@sha256:" + "2".repeat(64));
    }

    @Test
    public void shouldRecordTheDigestPassedInWhenAlreadyRunningInsideTheImage() throws Exception {
        TestRepos.write(repo, "mlci.yaml", "train:\n  image: python:3.11\n");
        String digest = "python@sha256:" + "a".repeat(64);
        TrainOptions run = TrainOptions.defaults(Map.of("PATH", System.getenv("PATH"), "HOME", temp.getRoot().toString(),
                        "MLCI_IMAGE_DIGEST", digest), "test").withStore(store.toString())
                .withExecutor(TrainOptions.ExecutorChoice.LOCAL).withOutput(said::add, io.mlci.core.run.exec.OutputSink.NONE);

        ReproOutcome outcome = repro(repo, new ReproOptions(List.of(), false, false, false, false, false, run));

        assertThat(outcome.record().imageDigest()).isEqualTo(digest);
        assertThat(outcome.record().image()).isEqualTo("python:3.11");
        assertThat(repro().record().imageDigest()).as("no image: a local process has no digest").isNull();
    }

    @Test
    public void shouldWriteTheLockWithDvcHashesKeyForKey() throws Exception {
        repro();

        DvcLock lock = DvcLock.read(repo, repo.resolve("dvc.lock"));
        assertThat(lock.stages()).extracting(LockStage::name).containsExactly("prepare", "featurize", "train", "evaluate");
        LockStage prepare = lock.stages().get(0);
        assertThat(prepare.cmd()).isEqualTo("python3 src/prepare.py data/raw.csv data/prepared");
        assertThat(prepare.deps()).extracting(o -> o.path()).containsExactly("data/raw.csv", "src/prepare.py");
        assertThat(prepare.deps().get(0).objectId().value()).isEqualTo(md5(repo.resolve("data/raw.csv")));
        assertThat(prepare.deps().get(0).size()).isEqualTo(Files.size(repo.resolve("data/raw.csv")));
        String prepared = dirMd5(repo.resolve("data/prepared"));
        assertThat(prepare.outs().get(0).objectId().value()).isEqualTo(prepared);
        assertThat(prepare.outs().get(0).nfiles()).isEqualTo(2);
        assertThat(prepare.params().get("params.yaml").get("prepare.split").doubleValue()).isEqualTo(0.25);
        String text = Files.readString(repo.resolve("dvc.lock"));
        assertThat(text).startsWith("schema: '2.0'\nstages:\n  prepare:\n    cmd: python3 src/prepare.py data/raw.csv"
                + " data/prepared\n    deps:\n    - path: data/raw.csv\n      hash: md5\n      md5: "
                + md5(repo.resolve("data/raw.csv")) + "\n      size: " + Files.size(repo.resolve("data/raw.csv"))
                + "\n    - path: src/prepare.py\n");
        assertThat(text).contains("    params:\n      params.yaml:\n        train.epochs: 3\n        train.lr: 0.1\n");
        assertThat(text).contains("    outs:\n    - path: data/prepared\n      hash: md5\n      md5: " + prepared
                + "\n      size: ");
        assertThat(text).contains("      nfiles: 2\n");
    }

    @Test
    public void shouldRerunOnlyWhatEachKindOfChangeAffects() throws Exception {
        repro();

        TestRepos.write(repo, "src/evaluate.py", Files.readString(repo.resolve("src/evaluate.py")) + "# tweak\n");
        assertThat(states(repro())).containsExactly(Map.entry("prepare", "unchanged"),
                Map.entry("featurize", "unchanged"), Map.entry("train", "unchanged"), Map.entry("evaluate", "ran"));

        TestRepos.write(repo, "params.yaml", PARAMS.replace("lr: 0.1", "lr: 0.2"));
        assertThat(states(repro())).containsExactly(Map.entry("prepare", "unchanged"),
                Map.entry("featurize", "unchanged"), Map.entry("train", "ran"), Map.entry("evaluate", "ran"));

        TestRepos.write(repo, "data/raw.csv", "1,2\n3,2\n5,0\n7,1\n");
        assertThat(states(repro()).values()).containsOnly("ran");

        TestRepos.write(repo, "dvc.yaml", DVC_YAML.replace("python3 src/train.py data/features model.json",
                "python3 src/train.py  data/features model.json"));
        assertThat(states(repro())).containsEntry("train", "ran").containsEntry("featurize", "unchanged");

        TestRepos.write(repo, "params.yaml", PARAMS.replace("lr: 0.1", "lr: 0.2").replace("epochs: 3", "epochs: 4"));
        ReproOutcome outcome = repro();
        assertThat(outcome.stages().get(2).reason()).isEqualTo("param 'train.epochs' changed");
    }

    @Test
    public void shouldRestoreADeletedOutputFromTheStageCacheInsteadOfRunning() throws Exception {
        repro();
        String model = Files.readString(repo.resolve("model.json"));
        Files.delete(repo.resolve("model.json"));

        ReproOutcome outcome = repro();

        assertThat(states(outcome)).containsEntry("train", "restored").containsEntry("evaluate", "unchanged");
        assertThat(Files.readString(repo.resolve("model.json"))).isEqualTo(model);
    }

    @Test
    public void shouldCountARestoredStageAsSavedWithWhatItCostInTheRunItCameFrom() throws Exception {
        ReproOptions priced = priced("2.5");
        RunRecord first = repro(repo, priced).record();
        StageRun trained = first.stages().stream().filter(stage -> stage.stage().equals("train")).findFirst().orElseThrow();
        assertThat(first.resources().cost().source()).isEqualTo(Prices.PRICE_VARIABLE);
        assertThat(first.resources().cost().estimate()).isCloseTo(2.5 * first.resources().hours(), within(1e-6));
        assertThat(first.resources().restored()).isEmpty();
        Files.delete(repo.resolve("model.json"));

        RunRecord second = repro(repo, priced).record();

        assertThat(states(second.stages())).containsEntry("train", "restored");
        Resources.RestoredStage restored = second.resources().restored().get(0);
        assertThat(second.resources().restored()).hasSize(1);
        assertThat(restored.stage()).isEqualTo("train");
        assertThat(restored.training().run()).as("the run it came from").isEqualTo(first.id());
        assertThat(restored.training().hours() * 3600).isCloseTo(trained.durationSeconds(), within(1e-6));
        assertThat(restored.training().cost().estimate()).isPositive()
                .isCloseTo(2.5 * trained.durationSeconds() / 3600, within(1e-6));
        CostTotals totals = CostTotals.of(List.of(first, second), null);
        assertThat(totals.restored()).isEqualTo(1);
        assertThat(totals.saved().get("USD")).isEqualTo(restored.training().cost().estimate());
        assertThat(totals.spent().get("USD")).isCloseTo(first.resources().cost().estimate()
                + second.resources().cost().estimate(), within(1e-9));
        try (RunStore runs = RunStores.open(store.toString(), repo, Map.of())) {
            assertThat(runs.get(second.id()).resources().restored()).as("kept in the stored record")
                    .isEqualTo(second.resources().restored());
        }
    }

    @Test
    public void shouldRestoreEveryStageOnAFreshCloneAndRunOnlyTheChangedOne() throws Exception {
        repro();
        try (Git git = Git.open(repo.toFile())) {
            GitRepos.commitAll(git, "lock");
        }
        Path clone = temp.newFolder("agent2").toPath();
        Git.cloneRepository().setURI(repo.toUri().toString()).setDirectory(clone.toFile()).call().close();
        TestRepos.write(clone, "src/evaluate.py", Files.readString(clone.resolve("src/evaluate.py")) + "# changed\n");

        ReproOutcome outcome = repro(clone, options(false, false, List.of()));

        assertThat(states(outcome)).containsExactly(Map.entry("prepare", "restored"), Map.entry("featurize", "restored"),
                Map.entry("train", "restored"), Map.entry("evaluate", "ran"));
        assertThat(Files.readString(clone.resolve("model.json"))).isEqualTo(Files.readString(repo.resolve("model.json")));
    }

    @Test
    public void shouldListTheStagesInOrderOnADryRunAndChangeNothing() throws Exception {
        ReproOutcome outcome = repro(repo, options(true, false, List.of()));

        assertThat(states(outcome)).containsExactly(Map.entry("prepare", "would run"),
                Map.entry("featurize", "would run"), Map.entry("train", "would run"), Map.entry("evaluate", "would run"));
        assertThat(outcome.record()).isNull();
        assertThat(repo.resolve("dvc.lock")).doesNotExist();
        assertThat(repo.resolve("data/prepared")).doesNotExist();
    }

    @Test
    public void shouldRunOnlyTheTargetAndWhatItNeeds() throws Exception {
        ReproOutcome outcome = repro(repo, options(false, false, List.of("featurize")));

        assertThat(states(outcome)).containsExactly(Map.entry("prepare", "ran"), Map.entry("featurize", "ran"));
        assertThat(DvcLock.read(repo, repo.resolve("dvc.lock")).stages()).extracting(LockStage::name)
                .containsExactly("prepare", "featurize");

        ReproOutcome single = repro(repo, new ReproOptions(List.of("train"), false, false, false, true, false,
                options(false, false, List.of()).run()));
        assertThat(states(single)).containsExactly(Map.entry("train", "ran"));
        ReproOutcome down = repro(repo, new ReproOptions(List.of("train"), true, true, true, false, false,
                options(false, false, List.of()).run()));
        assertThat(states(down).keySet()).containsExactly("train", "evaluate");
    }

    @Test
    public void shouldStopAtAFailingStageKeepingTheLockOfWhatRan() throws Exception {
        TestRepos.write(repo, "src/train.py", "import sys\nsys.exit(3)\n");

        ReproOutcome outcome = repro();

        assertThat(states(outcome)).containsExactly(Map.entry("prepare", "ran"), Map.entry("featurize", "ran"),
                Map.entry("train", "failed"), Map.entry("evaluate", "not run"));
        assertThat(outcome.stages().get(2).reason()).isEqualTo("command exited with status 3");
        assertThat(outcome.record().status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.record().message()).contains("stage train failed");
        assertThat(DvcLock.read(repo, repo.resolve("dvc.lock")).stages()).extracting(LockStage::name)
                .containsExactly("prepare", "featurize");
        assertThat(outcome.succeeded()).isFalse();
    }

    @Test
    public void shouldRemoveStaleOutputsBeforeAStageRunsButKeepPersistentOnes() throws Exception {
        TestRepos.write(repo, "dvc.yaml", """
                stages:
                  gen:
                    cmd: mkdir -p out keep && ls out > listing.txt && touch out/new keep/new
                    deps: [params.yaml]
                    outs:
                    - out
                    - listing.txt
                    - keep:
                        persist: true
                """);
        TestRepos.write(repo, "out/stale.txt", "old");
        TestRepos.write(repo, "keep/old.txt", "old");

        repro();

        assertThat(repo.resolve("out/stale.txt")).doesNotExist();
        assertThat(Files.readString(repo.resolve("listing.txt"))).isEmpty();
        assertThat(repo.resolve("keep/old.txt")).exists();
    }

    @Test
    public void shouldRunMultiLineAndListCommandsInTheWorkingDirectoryAsDvcDoes() throws Exception {
        TestRepos.write(repo, "dvc.yaml", """
                stages:
                  gen:
                    wdir: sub
                    cmd:
                    - |
                      echo one > lines.txt
                      echo "two words" >> lines.txt
                    - test -f lines.txt || touch missing.txt
                    deps: [input.txt]
                    outs: [lines.txt]
                  astray:
                    wdir: nowhere
                    cmd: false || touch escaped.txt
                """);
        TestRepos.write(repo, "sub/input.txt", "x");

        ReproOutcome outcome = repro();

        assertThat(states(outcome)).containsEntry("gen", "ran").containsEntry("astray", "failed");
        assertThat(Files.readString(repo.resolve("sub/lines.txt"))).isEqualTo("one\ntwo words\n");
        assertThat(repo.resolve("sub/missing.txt")).doesNotExist();
        assertThat(repo.resolve("missing.txt")).doesNotExist();
        assertThat(repo.resolve("escaped.txt")).as("a failed cd runs nothing of the command").doesNotExist();
        assertThat(repo.resolve("nowhere/escaped.txt")).doesNotExist();

        TestRepos.write(repo, "dvc.yaml", Files.readString(repo.resolve("dvc.yaml")).split("  astray:")[0]);
        assertThat(states(repro())).containsExactly(Map.entry("gen", "unchanged"));
    }

    @Test
    public void shouldRecordButNeverStoreOrUploadAnOutputMarkedCacheFalse() throws Exception {
        ReproOutcome outcome = repro();

        String metrics = md5(repo.resolve("eval/metrics.json"));
        String model = md5(repo.resolve("model.json"));
        assertThat(outcome.record().outputs()).anyMatch(out -> out.path().equals("eval/metrics.json")
                && out.md5().equals(metrics));
        LockStage evaluate = DvcLock.read(repo, repo.resolve("dvc.lock")).stages().get(3);
        assertThat(evaluate.outs().get(0).objectId().value()).isEqualTo(metrics);
        List<String> stored = new ArrayList<>();
        for (Path place : List.of(repo.resolve(".dvc/cache"), store)) {
            try (var files = Files.walk(place)) {
                files.filter(Files::isRegularFile).forEach(file -> stored.add(file.getFileName().toString()));
            }
        }
        assertThat(stored).as("the cached model is stored").anyMatch(name -> model.endsWith(name));
        assertThat(stored).noneMatch(name -> metrics.endsWith(name));
    }

    @Test
    public void shouldReadADvc2LockWithCrlfLineEndings() throws Exception {
        repro();
        String lock = Files.readString(repo.resolve("dvc.lock"));
        Files.writeString(repo.resolve("dvc.lock"), lock.replace("\n", "\r\n"));

        assertThat(states(repro()).values()).containsOnly("unchanged");
        assertThat(DvcLock.read(repo, repo.resolve("dvc.lock")).stages().get(0).cmd())
                .isEqualTo("python3 src/prepare.py data/raw.csv data/prepared");
    }

    @Test
    public void shouldNeverRestoreOrRemoveOutputsThroughALinkThePullRequestPlanted() throws Exception {
        repro();
        Path outside = temp.newFolder("outside").toPath().toRealPath();
        Path victim = Files.writeString(outside.resolve("train.csv"), "precious");
        FileTrees.delete(repo.resolve("data/prepared"));
        Files.createSymbolicLink(repo.resolve("data/prepared"), outside);

        assertThatThrownBy(this::repro).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("field 'stages.prepare.outs[0].path': path 'data/prepared' is a symbolic link to outside");

        assertThat(victim).hasContent("precious");
        try (var files = Files.list(outside)) {
            assertThat(files).containsExactly(victim);
        }
        assertThat(Files.isSymbolicLink(repo.resolve("data/prepared"))).isTrue();
    }

    @Test
    public void shouldFailNamingAMissingOutput() throws Exception {
        TestRepos.write(repo, "dvc.yaml", """
                stages:
                  gen:
                    cmd: echo hi
                    deps: [params.yaml]
                    outs: [never.txt]
                """);

        ReproOutcome outcome = repro();

        assertThat(outcome.stages().get(0).state()).isEqualTo(StageRun.FAILED);
        assertThat(outcome.stages().get(0).reason()).contains("'never.txt'");
    }

    @Test
    public void shouldRefuseCyclesAndTwoStagesWritingOnePath() throws Exception {
        TestRepos.write(repo, "dvc.yaml", """
                stages:
                  a:
                    cmd: echo
                    deps: [b.txt]
                    outs: [a.txt]
                  b:
                    cmd: echo
                    deps: [a.txt]
                    outs: [b.txt]
                """);
        assertThatThrownBy(this::repro).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cycle: a -> b -> a");

        TestRepos.write(repo, "dvc.yaml", """
                stages:
                  a:
                    cmd: echo
                    outs: [data]
                  b:
                    cmd: echo
                    outs: [data/part]
                """);
        assertThatThrownBy(this::repro).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'data/part' is also an output of stage 'a'");
    }

    @Test
    public void shouldNeverRunAFrozenStage() throws Exception {
        TestRepos.write(repo, "dvc.yaml", DVC_YAML.replace("  train:\n", "  train:\n    frozen: true\n"));

        ReproOutcome outcome = repro(repo, options(false, false, List.of("featurize")));
        assertThat(states(outcome)).containsExactly(Map.entry("prepare", "ran"), Map.entry("featurize", "ran"));
        ReproOutcome all = repro(repo, options(false, false, List.of("train")));
        assertThat(states(all)).containsEntry("train", "frozen");
        assertThat(repo.resolve("model.json")).doesNotExist();
    }

    static String md5(Path file) throws Exception {
        return io.mlci.core.data.hash.Hex.encode(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
    }

    /** DVC's directory hash, computed here independently of the production code. */
    static String dirMd5(Path dir) throws Exception {
        List<String> names = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.forEach(f -> names.add(f.getFileName().toString()));
        }
        names.sort(null);
        List<String> entries = new ArrayList<>();
        for (String name : names) {
            entries.add("{\"md5\": \"" + md5(dir.resolve(name)) + "\", \"relpath\": \"" + name + "\"}");
        }
        byte[] listing = ("[" + String.join(", ", entries) + "]").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return io.mlci.core.data.hash.Hex.encode(MessageDigest.getInstance("MD5").digest(listing)) + ".dir";
    }
}
