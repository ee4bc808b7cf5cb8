package io.mlci.core.run;

import io.mlci.core.InvalidInputException;
import io.mlci.core.run.record.OutputFile;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.RunStatus;
import io.mlci.core.run.store.RunQuery;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;
import io.mlci.core.testing.GitRepos;
import io.mlci.core.testing.TestRepos;
import io.mlci.core.testing.TrainingRepos;
import org.eclipse.jgit.api.Git;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class TrainerTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<String> phases = new CopyOnWriteArrayList<>();
    private final List<String> output = new CopyOnWriteArrayList<>();
    private Path repo;

    @Before
    public void createRepository() throws Exception {
        repo = TrainingRepos.create(temp.getRoot().toPath());
    }

    private TrainOptions options() {
        return TrainingRepos.options(Map.of("MLCI_BRANCH", "main"), phases, output);
    }

    private TrainOutcome train() {
        return new Trainer(repo, options()).train();
    }

    private String key() {
        return new Trainer(repo, options()).plan().key().value();
    }

    private int trainings() throws Exception {
        Path counter = repo.resolve(".trainings");
        return Files.exists(counter) ? Files.readAllLines(counter).size() : 0;
    }

    private RunStore store() {
        return RunStores.open(null, repo, Map.of());
    }

    @Test
    public void shouldRecordEverythingThatDeterminedASuccessfulRun() throws Exception {
        RunRecord run = train().record();

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.exitCode()).isZero();
        assertThat(run.attempts()).isEqualTo(1);
        assertThat(run.command()).isEqualTo("sh train.sh");
        assertThat(run.source().branch()).isEqualTo("main");
        assertThat(run.source().dirty()).isFalse();
        try (Git git = Git.open(repo.toFile())) {
            assertThat(run.source().commit()).isEqualTo(git.getRepository().resolve("HEAD").name());
        }
        assertThat(run.params().keySet()).containsExactly("train.lr", "train.mode", "train.steps");
        assertThat(run.data()).singleElement().satisfies(input -> {
            assertThat(input.path()).isEqualTo("data");
            assertThat(input.hash()).endsWith(".dir").isEqualTo(pointerHash());
            assertThat(input.nfiles()).isEqualTo(2);
        });
        assertThat(run.code()).containsOnlyKeys("train.sh");
        assertThat(run.metrics().get("accuracy").doubleValue()).isEqualTo(0.5);
        assertThat(run.metrics().get("nested.f1").doubleValue()).isEqualTo(0.5);
        assertThat(run.environment().tools()).containsKey("java");
        try (RunStore store = store(); InputStream log = store.openLog(run.id())) {
            assertThat(store.get(run.id())).isEqualTo(run);
            assertThat(new String(log.readAllBytes(), StandardCharsets.UTF_8)).contains("training lr=0.5 mode=ok run=" + run.id());
        }
        assertThat(output).contains("training lr=0.5 mode=ok run=" + run.id());
    }

    @Test
    public void shouldHashStoreAndPushEveryOutput() throws Exception {
        RunRecord run = train().record();

        OutputFile model = run.outputs().stream().filter(o -> o.path().equals("model")).findFirst().orElseThrow();
        assertThat(model.isDirectory()).isTrue();
        assertThat(model.nfiles()).isEqualTo(2);
        OutputFile weights = model.files().stream().filter(f -> f.path().equals("model/model.bin")).findFirst().orElseThrow();
        byte[] bytes = Files.readAllBytes(repo.resolve("model/model.bin"));
        assertThat(weights.sha256()).isEqualTo(hex("SHA-256", bytes));
        assertThat(weights.md5()).isEqualTo(hex("MD5", bytes));
        assertThat(weights.size()).isEqualTo(bytes.length);
        Path remote = temp.getRoot().toPath().resolve("remote/files/md5");
        assertThat(remote.resolve(weights.md5().substring(0, 2)).resolve(weights.md5().substring(2))).exists();
        assertThat(remote.resolve(model.md5().substring(0, 2)).resolve(model.md5().substring(2))).exists();
        assertThat(run.outputs()).extracting(OutputFile::path).contains("metrics.json");
    }

    @Test
    public void shouldSkipTrainingWhenRunKeyMatches() throws Exception {
        RunRecord first = train().record();
        FileTreesForTests.delete(repo.resolve("model"));
        Files.delete(repo.resolve("metrics.json"));

        TrainOutcome second = train();

        assertThat(second.skipped()).isTrue();
        assertThat(trainings()).isEqualTo(1);
        assertThat(second.original()).isEqualTo(first);
        assertThat(second.record().status()).isEqualTo(RunStatus.REUSED);
        assertThat(second.record().reusedFrom()).isEqualTo(first.id());
        assertThat(second.record().outputs()).isEqualTo(first.outputs());
        assertThat(second.record().metrics()).isEqualTo(first.metrics());
        assertThat(repo.resolve("model/model.bin")).hasContent("alpha\nbeta");
        assertThat(repo.resolve("metrics.json")).exists();
        assertThat(phases).anyMatch(line -> line.startsWith("skipped: identical to run " + first.id()) && line.contains("saved"));
        try (RunStore store = store()) {
            assertThat(store.newestPassing("main")).contains(second.record());
        }
    }

    @Test
    public void shouldTrainAgainWithForce() throws Exception {
        train();
        TrainOutcome forced = new Trainer(repo, options().withForce(true)).train();

        assertThat(forced.skipped()).isFalse();
        assertThat(trainings()).isEqualTo(2);
    }

    @Test
    public void shouldGiveANewKeyForAnyChangedInputAndTheOldOneWhenReverted() throws Exception {
        String base = key();
        Path params = repo.resolve("params.yaml");
        String original = Files.readString(params);

        Files.writeString(params, TrainingRepos.params(0.25, "ok"));
        assertThat(key()).isNotEqualTo(base);
        Files.writeString(params, "# reformatted\ntrain: {steps: 8, mode: ok, lr: 0.50}\n");
        assertThat(key()).as("key order, formatting and number spelling do not matter").isEqualTo(base);
        Files.writeString(params, original);

        Path script = repo.resolve("train.sh");
        String code = Files.readString(script);
        Files.writeString(script, code + "# tweak\n");
        assertThat(key()).as("uncommitted code change").isNotEqualTo(base);
        Files.writeString(script, code);
        assertThat(key()).isEqualTo(base);

        Path config = repo.resolve("mlci.yaml");
        String yaml = Files.readString(config);
        Files.writeString(config, yaml.replace("timeout: 1m", "timeout: 1m\n  env: { OMP_NUM_THREADS: \"4\" }"));
        assertThat(key()).as("declared env").isNotEqualTo(base);
        Files.writeString(config, yaml.replace("command: sh train.sh", "command: sh ./train.sh"));
        assertThat(key()).as("command").isNotEqualTo(base);
        Files.writeString(config, yaml.replace("timeout: 1m", "timeout: 2m"));
        assertThat(key()).as("a timeout does not change the result").isEqualTo(base);
        Files.writeString(config, yaml);

        TestRepos.write(repo, "data/b.txt", "beta, revised\n");
        try (var data = io.mlci.core.data.workspace.DataWorkspace.open(repo, io.mlci.core.data.workspace.DataOptions.defaults())) {
            data.add(repo.resolve("data"));
        }
        assertThat(key()).as("data").isNotEqualTo(base);
    }

    @Test
    public void shouldGiveTheSameKeyInSeparateProcesses() throws Exception {
        String here = key();
        for (int i = 0; i < 2; i++) {
            Process process = io.mlci.core.testing.TestJvm.builder(io.mlci.core.testing.TrainProcess.class, "plan", repo.toString()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(out).isZero();
            assertThat(out).contains("KEY " + here);
        }
    }

    @Test
    public void shouldRecordAFailedTrainingWithoutPublishingOutputs() throws Exception {
        Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(0.5, "fail"));

        RunRecord run = train().record();

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.outputs()).isEmpty();
        assertThat(run.message()).contains("exited with status 1");
        assertThat(noObjects(temp.getRoot().toPath().resolve("remote/files/md5"))).isTrue();
        try (RunStore store = store()) {
            assertThat(store.newestSucceeded(run.runKey())).isEmpty();
            assertThat(store.newestPassing("main")).isEmpty();
        }
    }

    @Test
    public void shouldFailARunThatDidNotProduceItsOutputs() throws Exception {
        Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(0.5, "no-output"));

        RunRecord run = train().record();

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.exitCode()).isZero();
        assertThat(run.message()).contains("train.outputs").contains("did not write 'model'");
        assertThat(run.outputs()).isEmpty();
    }

    @Test
    public void shouldRefuseAParamValueWithANulByteNamingIt() throws Exception {
        Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(0.5, "ok") + "tag: \"a\\0b\"\n");

        assertThatThrownBy(this::train).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("params.yaml").hasMessageContaining("'tag'").hasMessageContaining("NUL byte");
        assertThat(trainings()).isZero();
    }

    @Test
    public void shouldRefuseAStoreThatIsAFileOrCannotBeWrittenBeforeTraining() throws Exception {
        Path file = temp.newFile("store-file").toPath();
        assertThatThrownBy(() -> new Trainer(repo, options().withStore(file.toString())).train())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("is a file, not a directory");

        Path readOnly = temp.newFolder("read-only-store").toPath();
        makeReadOnly(readOnly);
        try {
            assertThatThrownBy(() -> new Trainer(repo, options().withStore(readOnly.toString())).train())
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining(readOnly.toString())
                    .hasMessageContaining("cannot be written");
        } finally {
            new ProcessBuilder("chattr", "-i", readOnly.toString()).start().waitFor();
            readOnly.toFile().setWritable(true);
        }
        assertThat(trainings()).isZero();
    }

    /**
     * Read-only for every user, root included (tests may run as root, which permission bits do
     * not stop): the immutable attribute where the file system has it, else the mode bits.
     */
    private static void makeReadOnly(Path dir) throws Exception {
        dir.toFile().setWritable(false);
        boolean immutable = new ProcessBuilder("chattr", "+i", dir.toString()).redirectErrorStream(true).start().waitFor() == 0;
        boolean writable;
        try {
            Files.delete(Files.createFile(dir.resolve("probe")));
            writable = true;
        } catch (java.io.IOException e) {
            writable = false;
        }
        org.junit.Assume.assumeFalse("no way to make a directory read-only here (immutable: " + immutable + ")", writable);
    }

    @Test
    public void shouldNotRecordAnEarlierRunsOutputAsThisRunsOwn() throws Exception {
        RunRecord earlier = train().record();
        assertThat(repo.resolve("model/model.bin")).exists();
        // a second training with other params whose command writes no model
        Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(0.3, "no-output"));

        RunRecord run = train().record();

        assertThat(earlier.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.failure().reason()).isEqualTo("outputs");
        assertThat(run.message()).contains("did not write 'model'");
        assertThat(run.outputs()).isEmpty();
        assertThat(repo.resolve("model")).doesNotExist();
        assertThat(phases).contains("removed the earlier model, metrics.json before training");
    }

    @Test
    public void shouldTrainFromTheFirstEpochWithForce() throws Exception {
        Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(0.5, "slow").replace("steps: 8", "steps: 2"));
        RunRecord first = train().record();
        assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(repo.resolve("ckpt/step")).hasContent("2");
        output.clear();

        RunRecord forced = new Trainer(repo, options().withForce(true)).train().record();

        assertThat(forced.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(output).noneMatch(line -> line.startsWith("resuming")).contains("step 1", "step 2");
        assertThat(phases).anyMatch(line -> line.contains("--force: removing the checkpoints in ckpt"));
    }

    @Test
    public void shouldNotResumeFromTheLastCheckpointOfAFinishedTrainingInAnotherStore() throws Exception {
        Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(0.5, "slow").replace("steps: 8", "steps: 2"));
        assertThat(train().record().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(repo.resolve("ckpt/step")).hasContent("2");
        output.clear();

        // the same inputs, but a store with no record of them: nothing to reuse, so it trains
        RunRecord elsewhere = new Trainer(repo, options().withStore(temp.newFolder("team-store").toString())).train().record();

        assertThat(elsewhere.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(output).noneMatch(line -> line.startsWith("resuming")).contains("step 1", "step 2");
        assertThat(phases).anyMatch(line -> line.contains("last checkpoint of a finished training"));
    }

    @Test
    public void shouldRetryAFailedAttempt() throws Exception {
        Files.writeString(repo.resolve("mlci.yaml"), TrainingRepos.MLCI_YAML.replace("timeout: 1m", "timeout: 1m\n  retries: 1"));
        Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(0.5, "flaky"));

        RunRecord run = train().record();

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.attempts()).isEqualTo(2);
        assertThat(phases).anyMatch(line -> line.contains("retrying, attempt 2 of 2"));
    }

    @Test
    public void shouldRecordATimedOutRun() throws Exception {
        Files.writeString(repo.resolve("mlci.yaml"), TrainingRepos.MLCI_YAML.replace("timeout: 1m", "timeout: 1s"));
        Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(0.5, "slow"));

        RunRecord run = train().record();

        assertThat(run.status()).isEqualTo(RunStatus.TIMED_OUT);
        assertThat(run.outputs()).isEmpty();
    }

    @Test
    public void shouldRecordAStoppedRunAsKilled() throws Exception {
        Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(0.5, "slow"));
        Trainer trainer = new Trainer(repo, options());
        Thread stopper = new Thread(() -> {
            while (output.stream().noneMatch(line -> line.startsWith("step"))) {
                Thread.onSpinWait();
            }
            trainer.stop();
        });
        stopper.start();

        RunRecord run = trainer.train().record();
        stopper.join();

        assertThat(run.status()).isEqualTo(RunStatus.KILLED);
        assertThat(run.outputs()).isEmpty();
        try (RunStore store = store()) {
            assertThat(store.get(run.id()).status()).isEqualTo(RunStatus.KILLED);
        }
    }

    @Test
    public void shouldRefuseBadInputBeforeWritingAnything() throws Exception {
        Files.writeString(repo.resolve("mlci.yaml"), "train:\n  outputs: [model]\n");
        assertThatThrownBy(this::train).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("train.command").hasMessageContaining("is required");

        Files.writeString(repo.resolve("mlci.yaml"), TrainingRepos.MLCI_YAML);
        Files.writeString(repo.resolve("params.yaml"), "train: [unclosed\n");
        assertThatThrownBy(this::train).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("params.yaml").hasMessageContaining("not valid YAML");

        Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(0.5, "ok"));
        Files.writeString(repo.resolve("data/a.txt"), "edited without data add\n");
        assertThatThrownBy(this::train).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("data.dvc").hasMessageContaining("differs from what the pointer names");

        assertThat(trainings()).isZero();
        assertThat(repo.resolve(".mlci/runs")).doesNotExist();
    }

    @Test
    public void shouldFlagADirtyTree() throws Exception {
        TestRepos.write(repo, "notes.txt", "not committed\n");

        assertThat(train().record().source().dirty()).isTrue();
    }

    @Test
    public void shouldNotCountItsOwnOutputsAsDirt() throws Exception {
        train();
        RunRecord again = new Trainer(repo, options().withForce(true)).train().record();
        assertThat(again.source().dirty()).isFalse();
        try (Git git = GitRepos.init(repo)) {
            assertThat(git.status().call().getUntracked()).isEmpty();
        }
    }

    private String pointerHash() throws Exception {
        String pointer = Files.readString(repo.resolve("data.dvc"));
        return pointer.replaceAll("(?s).*md5: (\\S+).*", "$1");
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    /** The test repository never pushes its data, so any object on the remote came from the run. */
    private static boolean noObjects(Path remoteFiles) throws Exception {
        if (!Files.exists(remoteFiles)) {
            return true;
        }
        try (var walk = Files.walk(remoteFiles)) {
            return walk.noneMatch(Files::isRegularFile);
        }
    }
}
