package io.mlci.core.run.exec;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Real processes meeting at a real rendezvous on loopback, as distributed trainings do. */
public class MultiNodeExecutorTest {

    /**
     * Rank 0 listens on MASTER_ADDR:MASTER_PORT; every other rank connects and sends its rank;
     * rank 0 prints the sum, which is right only if every rank got its own RANK and one WORLD_SIZE.
     */
    private static final String RENDEZVOUS = """
            import os, socket, time
            rank, world = int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"])
            addr, port = os.environ["MASTER_ADDR"], int(os.environ["MASTER_PORT"])
            assert os.environ["MLCI_RDZV_ENDPOINT"] == f"{addr}:{port}"
            assert os.environ["LOCAL_RANK"] == str(rank)
            if rank == 0:
                server = socket.create_server((addr, port))
                total = 0
                for _ in range(world - 1):
                    conn, _ = server.accept()
                    total += int(conn.recv(16).decode())
                    conn.close()
                print(f"world {world} ranks sum {total}", flush=True)
            else:
                for attempt in range(100):
                    try:
                        with socket.create_connection((addr, port)) as conn:
                            conn.sendall(str(rank).encode())
                        break
                    except ConnectionRefusedError:
                        time.sleep(0.05)
                print(f"rank {rank} joined", flush=True)
            """;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldGiveEveryRankTheRendezvousOfOneWorld() throws Exception {
        Path script = temp.getRoot().toPath().resolve("ddp.py");
        Files.writeString(script, RENDEZVOUS);
        List<String> lines = new CopyOnWriteArrayList<>();
        MultiNodeExecutor executor = new MultiNodeExecutor(3, rank -> new LocalProcessExecutor());

        ExecutionResult result = executor.run(request(List.of("python3", script.toString())), lines::add);

        assertThat(result.succeeded()).as(lines.toString()).isTrue();
        assertThat(lines).contains("[rank 0] world 3 ranks sum 3", "[rank 1] rank 1 joined", "[rank 2] rank 2 joined");
        assertThat(executor.lastResults()).extracting(MultiNodeExecutor.NodeResult::rank).containsExactly(0, 1, 2);
        assertThat(executor.lastResults()).extracting(MultiNodeExecutor.NodeResult::exitCode).containsOnly(0);
    }

    @Test
    public void shouldStopTheOtherRanksWhenOneFails() {
        MultiNodeExecutor executor = new MultiNodeExecutor(2, rank -> new LocalProcessExecutor());
        long started = System.nanoTime();

        ExecutionResult result = executor.run(request(List.of("sh", "-c",
                "if [ \"$RANK\" = 1 ]; then echo 'NCCL error' >&2; exit 3; fi; sleep 60")), line -> { });

        assertThat(result.outcome()).isEqualTo(ExecutionResult.Outcome.EXITED);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat((System.nanoTime() - started) / 1e9).as("rank 0 did not wait out its sleep").isLessThan(30);
        assertThat(executor.lastResults().get(0).outcome()).isEqualTo(ExecutionResult.Outcome.KILLED);
    }

    private ExecutionRequest request(List<String> command) {
        return new ExecutionRequest("ddp", command, temp.getRoot().toPath(), Map.of(), Duration.ofMinutes(1),
                Duration.ofSeconds(2));
    }
}
