package io.mlci.core.run;

import io.mlci.core.InvalidInputException;
import io.mlci.core.run.record.NodeRun;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code train.nodes: 2} through {@code mlci train}: real processes meeting at a real rendezvous, one record. */
public class MultiNodeTrainingTest {

    /**
     * A distributed training in miniature: rank 0 listens at MASTER_ADDR:MASTER_PORT, the other
     * ranks connect and send their rank, and rank 0 alone writes the model and metrics (the world
     * size as "accuracy", so the record shows every rank took part). Mode "fail": rank 1 dies
     * before joining, as a rank with a lost GPU does.
     */
    private static final String DDP = """
            import json, os, socket, sys, time
            rank, world = int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"])
            addr, port = os.environ["MASTER_ADDR"], int(os.environ["MASTER_PORT"])
            if rank == 1 and os.environ["MLCI_PARAM_TRAIN_MODE"] == "fail":
                print("NCCL error: rank 1 lost its GPU", file=sys.stderr, flush=True)
                sys.exit(3)
            if rank == 0:
                server = socket.create_server((addr, port))
                total = 0
                for _ in range(world - 1):
                    conn, _ = server.accept()
                    total += int(conn.recv(16).decode())
                    conn.close()
                os.makedirs("model", exist_ok=True)
                with open("model/model.bin", "w") as f:
                    f.write(f"trained by {world} ranks")
                with open("metrics.json", "w") as f:
                    json.dump({"accuracy": world, "ranks_sum": total}, f)
                print(f"world {world} ranks sum {total}", flush=True)
            else:
                for attempt in range(200):
                    try:
                        with socket.create_connection((addr, port)) as conn:
                            conn.sendall(str(rank).encode())
                        break
                    except ConnectionRefusedError:
                        time.sleep(0.05)
                print(f"rank {rank} joined", flush=True)
            """;

    private static final String MLCI_YAML = """
            train:
              command: python3 ddp.py
              params: [params.yaml]
              code: [ddp.py]
              outputs: [model]
              timeout: 1m
              nodes: 2
            metrics:
              files: [metrics.json]
            """;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<String> phases = new CopyOnWriteArrayList<>();
    private final List<String> output = new CopyOnWriteArrayList<>();
    private Path repo;

    @Before
    public void createRepository() throws Exception {
        repo = TrainingRepos.create(temp.getRoot().toPath(), MLCI_YAML, "ok");
        try (Git git = Git.open(repo.toFile())) {
            TestRepos.write(repo, "ddp.py", DDP);
            GitRepos.commitAll(git, "distributed training");
        }
    }

    private TrainOptions options() {
        return TrainingRepos.options(Map.of("MLCI_BRANCH", "main"), phases, output);
    }

    private RunRecord train() {
        return new Trainer(repo, options()).train().record();
    }

    private void configure(String from, String to) throws Exception {
        Path file = repo.resolve("mlci.yaml");
        String yaml = Files.readString(file);
        assertThat(yaml).contains(from);
        Files.writeString(file, yaml.replace(from, to));
    }

    @Test
    public void shouldTrainEveryNodeAndRecordEachInOneRun() throws Exception {
        RunRecord run = train();

        assertThat(run.status()).as(output.toString()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.metrics().get("accuracy").intValue()).as("rank 0 saw a world of 2").isEqualTo(2);
        assertThat(run.metrics().get("ranks_sum").intValue()).as("rank 1 joined the rendezvous").isEqualTo(1);
        assertThat(run.nodes()).extracting(NodeRun::rank).containsExactly(0, 1);
        assertThat(run.nodes()).allSatisfy(node -> {
            assertThat(node.exitCode()).isZero();
            assertThat(node.ended()).isEqualTo("exited");
            assertThat(node.seconds()).isPositive();
            assertThat(node.logPrefix()).isEqualTo("[rank " + node.rank() + "] ");
        });
        assertThat(run.nodes().get(0).logTail()).containsExactly("world 2 ranks sum 1");
        assertThat(run.nodes().get(1).logTail()).containsExactly("rank 1 joined");
        assertThat(phases).anyMatch(line -> line.contains("with 2 local processes"));
        try (RunStore store = RunStores.open(null, repo, Map.of()); InputStream log = store.openLog(run.id())) {
            assertThat(store.get(run.id())).as("the per-node section survives the store").isEqualTo(run);
            assertThat(new String(log.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("[rank 0] world 2 ranks sum 1", "[rank 1] rank 1 joined");
        }
    }

    @Test
    public void shouldKeyADifferentNodeCountAsADifferentTraining() throws Exception {
        String twoNodes = new Trainer(repo, options()).plan().key().value();
        configure("nodes: 2", "nodes: 1");
        String oneNode = new Trainer(repo, options()).plan().key().value();
        configure("  nodes: 1\n", "");
        String unset = new Trainer(repo, options()).plan().key().value();

        assertThat(twoNodes).isNotEqualTo(oneNode);
        assertThat(oneNode).as("nodes: 1 is an ordinary training, keyed as before the field existed").isEqualTo(unset);
    }

    @Test
    public void shouldRecordNoNodeSectionForATrainingOfOneProcess() throws Exception {
        configure("nodes: 2", "nodes: 1");

        RunRecord run = train();

        assertThat(run.status()).as("one process gets no rendezvous variables: " + output).isEqualTo(RunStatus.FAILED);
        assertThat(run.nodes()).isNull();
    }

    @Test
    public void shouldRecordWhichRankFailedAndStopTheOthers() throws Exception {
        Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(0.5, "fail"));

        RunRecord run = train();

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.nodes().get(1).exitCode()).isEqualTo(3);
        assertThat(run.nodes().get(1).logTail()).containsExactly("NCCL error: rank 1 lost its GPU");
        assertThat(run.nodes().get(0).ended()).as("rank 0 stopped instead of waiting for a dead peer").isEqualTo("killed");
        assertThat(run.outputs()).isEmpty();
    }

    @Test
    public void shouldRefuseSeveralNodesInAContainerBeforeWritingAnything() throws Exception {
        configure("nodes: 2", "nodes: 2\n  image: python:3.12-slim");
        TrainOptions auto = options().withExecutor(TrainOptions.ExecutorChoice.AUTO);

        assertThatThrownBy(() -> new Trainer(repo, auto).train())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mlci.yaml").hasMessageContaining("train.nodes")
                .hasMessageContaining("python:3.12-slim").hasMessageContaining("--executor local");
        try (RunStore store = RunStores.open(null, repo, Map.of())) {
            assertThat(store.list(RunQuery.all())).isEmpty();
        }

        RunRecord local = new Trainer(repo, options()).train().record();
        assertThat(local.status()).as("--executor local trains the nodes as processes").isEqualTo(RunStatus.SUCCEEDED);
        assertThat(local.nodes()).hasSize(2);
    }
}
