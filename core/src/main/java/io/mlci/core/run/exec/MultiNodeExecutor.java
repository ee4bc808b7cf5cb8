package io.mlci.core.run.exec;

import io.mlci.core.MlciException;
import io.mlci.core.run.record.NodeRun;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * {@code train.nodes: N} on one machine: N copies of the training command, each with the
 * rendezvous variables of PyTorch's distributed launch ({@code MASTER_ADDR}, {@code MASTER_PORT},
 * {@code WORLD_SIZE}, {@code RANK}, {@code LOCAL_RANK}, {@code NODE_RANK}) and
 * {@code MLCI_RDZV_ENDPOINT} for {@code torchrun --rdzv-endpoint}. It is the same contract that N
 * agents get from a Jenkins fan-out, so a distributed training is tested here before it costs
 * N GPU instances. When one rank fails, the others are stopped: a collective with a dead peer
 * would otherwise hang until its own timeout.
 */
public final class MultiNodeExecutor implements Executor {

    private final int nodes;
    private final IntFunction<Executor> perRank;
    private final List<Executor> running = Collections.synchronizedList(new ArrayList<>());
    private volatile List<NodeResult> lastResults = List.of();

    /** Lines of each rank's output the record keeps; the whole output is in the run's log. */
    static final int TAIL_LINES = 20;
    /** Characters of one line the record keeps: a progress bar can print megabytes without a newline. */
    static final int TAIL_LINE_CHARS = 500;

    /** How one rank ended, and its last lines of output. */
    public record NodeResult(int rank, int exitCode, ExecutionResult.Outcome outcome, double seconds, List<String> tail) {

        public NodeResult {
            tail = List.copyOf(tail);
        }
    }

    /** @param perRank a fresh executor for each rank (each stops only its own process) */
    public MultiNodeExecutor(int nodes, IntFunction<Executor> perRank) {
        if (nodes < 2) {
            throw new IllegalArgumentException("a multi-node run needs 2 or more nodes");
        }
        this.nodes = nodes;
        this.perRank = perRank;
    }

    @Override
    public String describe() {
        return nodes + " local processes (" + perRank.apply(0).describe() + " each), one rendezvous";
    }

    @Override
    public String prepare() {
        return perRank.apply(0).prepare();
    }

    /** Each rank's outcome in the last attempt. */
    public List<NodeResult> lastResults() {
        return lastResults;
    }

    @Override
    public List<NodeRun> nodes() {
        return lastResults.stream().map(node -> new NodeRun(node.rank(), node.exitCode(), node.outcome().word(),
                node.seconds(), prefix(node.rank()), node.tail())).toList();
    }

    /** What starts each line of a rank's output in the run's log. */
    static String prefix(int rank) {
        return "[rank " + rank + "] ";
    }

    @Override
    public ExecutionResult run(ExecutionRequest request, OutputSink sink) {
        int port = freePort();
        ExecutorService pool = Executors.newFixedThreadPool(nodes, runnable -> {
            Thread thread = new Thread(runnable, "mlci-rank");
            thread.setDaemon(true);
            return thread;
        });
        long started = System.nanoTime();
        running.clear();
        try {
            List<Future<ExecutionResult>> futures = new ArrayList<>();
            List<Tail> tails = new ArrayList<>();
            for (int rank = 0; rank < nodes; rank++) {
                Executor executor = perRank.apply(rank);
                running.add(executor);
                ExecutionRequest rankRequest = new ExecutionRequest(request.name() + "-rank" + rank, request.command(),
                        request.workdir(), rendezvous(request.env(), rank, nodes, port), request.timeout(), request.killGrace());
                String prefix = prefix(rank);
                Tail tail = new Tail();
                tails.add(tail);
                futures.add(pool.submit(() -> {
                    ExecutionResult result = executor.run(rankRequest, line -> {
                        tail.add(line);
                        sink.line(prefix + line);
                    });
                    if (!result.succeeded()) {
                        stop();
                    }
                    return result;
                }));
            }
            List<NodeResult> results = new ArrayList<>();
            for (int rank = 0; rank < nodes; rank++) {
                ExecutionResult result = join(futures.get(rank));
                results.add(new NodeResult(rank, result.exitCode(), result.outcome(), result.elapsed().toMillis() / 1000.0,
                        tails.get(rank).lines()));
            }
            lastResults = List.copyOf(results);
            return overall(results, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The first rank that did not succeed decides, in rank order; all succeeded = success. */
    static ExecutionResult overall(List<NodeResult> results, Duration elapsed) {
        NodeResult first = results.stream().filter(r -> r.outcome() == ExecutionResult.Outcome.EXITED && r.exitCode() != 0)
                .findFirst()
                .orElse(results.stream().filter(r -> r.outcome() != ExecutionResult.Outcome.EXITED).findFirst().orElse(null));
        if (first == null) {
            return new ExecutionResult(0, ExecutionResult.Outcome.EXITED, elapsed);
        }
        return new ExecutionResult(first.exitCode(), first.outcome(), elapsed);
    }

    @Override
    public void stop() {
        synchronized (running) {
            running.forEach(Executor::stop);
        }
    }

    /**
     * The variables one rank sees. On one machine the ranks are its processes, as with
     * {@code torchrun --nproc-per-node N}: {@code LOCAL_RANK} = {@code RANK}, so each can pick its
     * own GPU, and {@code NODE_RANK} is 0.
     */
    static Map<String, String> rendezvous(Map<String, String> env, int rank, int worldSize, int port) {
        Map<String, String> all = new HashMap<>(env);
        all.put("MASTER_ADDR", "127.0.0.1");
        all.put("MASTER_PORT", Integer.toString(port));
        all.put("MLCI_RDZV_ENDPOINT", "127.0.0.1:" + port);
        all.put("WORLD_SIZE", Integer.toString(worldSize));
        all.put("RANK", Integer.toString(rank));
        all.put("LOCAL_RANK", Integer.toString(rank));
        all.put("LOCAL_WORLD_SIZE", Integer.toString(worldSize));
        all.put("NODE_RANK", "0");
        return all;
    }

    /** The last {@link #TAIL_LINES} lines of one rank, each cut to {@link #TAIL_LINE_CHARS}. */
    private static final class Tail {
        private final java.util.ArrayDeque<String> lines = new java.util.ArrayDeque<>();

        synchronized void add(String line) {
            if (lines.size() == TAIL_LINES) {
                lines.removeFirst();
            }
            lines.addLast(line.length() > TAIL_LINE_CHARS ? line.substring(0, TAIL_LINE_CHARS) + "…" : line);
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new MlciException("cannot find a free port for the rendezvous: " + e.getMessage(), e);
        }
    }

    private static ExecutionResult join(Future<ExecutionResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlciException("interrupted while the ranks were running", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new MlciException("a rank failed: " + e.getCause(), e.getCause());
        }
    }
}
