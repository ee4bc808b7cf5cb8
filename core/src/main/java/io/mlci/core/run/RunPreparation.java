package io.mlci.core.run;

import io.mlci.core.WebLinks;

import io.mlci.core.InvalidInputException;
import io.mlci.core.MlciException;
import io.mlci.core.config.MlciConfig;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.config.TrainConfig;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.data.workspace.OutputStatus;
import io.mlci.core.data.pointer.TrackedOutput;
import io.mlci.core.run.code.GitSnapshot;
import io.mlci.core.run.env.CiContext;
import io.mlci.core.run.docker.ContainerOwner;
import io.mlci.core.run.docker.ContainerSpec;
import io.mlci.core.run.docker.DockerArgsPolicy;
import io.mlci.core.run.docker.DockerCli;
import io.mlci.core.run.docker.WorkspaceMount;
import io.mlci.core.run.exec.DockerExecutor;
import io.mlci.core.run.exec.Executor;
import io.mlci.core.run.exec.LocalProcessExecutor;
import io.mlci.core.run.exec.MultiNodeExecutor;
import io.mlci.core.run.key.RunInputs;
import io.mlci.core.run.key.RunKey;
import io.mlci.core.run.params.Params;
import io.mlci.core.run.params.ParamsFiles;
import io.mlci.core.run.record.DataInput;
import io.mlci.core.run.record.SourceInfo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Collects what determines a training — command, image, params, data hashes, code ids,
 * declared environment — checks it, and computes the run key. Nothing is written here: bad
 * input fails before any record, output or checkpoint exists.
 */
final class RunPreparation {

    /** Set by the shared library when mlci already runs inside the training image. */
    static final String IMAGE_DIGEST_VARIABLE = "MLCI_IMAGE_DIGEST";

    private final Path root;
    private final TrainOptions options;

    RunPreparation(Path root, TrainOptions options) {
        this.root = root;
        this.options = options;
    }

    PreparedRun prepare(MlciConfig file, DataWorkspace data) {
        MlciConfig config = options.container().applyTo(file);
        TrainConfig train = config.train();
        if (train.command() == null) {
            throw new InvalidInputException(config.source(), "train.command",
                    "is required: the command that trains, e.g. \"command: python train.py\"");
        }
        Params params = ParamsFiles.load(root, train.params());
        // git and the data walk touch different files and each costs a few hundred milliseconds
        // on a large repository: doing them side by side keeps the skip decision fast
        CompletableFuture<GitFacts> git = CompletableFuture.supplyAsync(() -> gitFacts(config, params));
        List<DataInput> inputs;
        try {
            inputs = dataInputs(data.workspaceStatus(config.data().pointers()));
        } catch (RuntimeException e) {
            git.cancel(true);
            throw e;
        }
        GitFacts facts = join(git);
        SourceInfo source = facts.source();
        Map<String, String> code = facts.code();
        Executor executor = trainingExecutor(train);
        long pullStart = System.nanoTime();
        String digest = Trainer.prepareImage(executor, train, options.environment());
        Duration imagePull = train.image() == null ? null : Duration.ofNanos(System.nanoTime() - pullStart);
        Map<String, String> dataHashes = new LinkedHashMap<>();
        inputs.forEach(input -> dataHashes.put(input.path(), input.hash()));
        String image = digest != null ? digest : train.image();
        RunInputs runInputs = new RunInputs(train.command().display(), image, params.values(), dataHashes, code, train.env(),
                train.nodes());
        return new PreparedRun(config, source, params, inputs, runInputs, RunKey.of(runInputs), executor, digest,
                imagePull);
    }

    /** What git says: where the code comes from and the content ids of the declared code paths. */
    private record GitFacts(SourceInfo source, Map<String, String> code) {
    }

    private GitFacts gitFacts(MlciConfig config, Params params) {
        try (GitSnapshot git = GitSnapshot.open(root)) {
            List<String> excluded = generatedOrKeyedSeparately(config, params);
            Map<String, String> code = git.contentIds(config.train().code(), excluded);
            CiContext ci = CiContext.from(options.environment());
            WebLinks.safe(options.environment().get("BUILD_URL"), "BUILD_URL", options.say()); // says so when dropped
            String branch = ci.branch() != null ? ci.branch() : git.branch();
            String repo = git.originUrl() != null ? git.originUrl() : root.getFileName().toString();
            return new GitFacts(new SourceInfo(repo, git.commit(), git.isDirty(excluded), branch, ci.targetBranch(),
                    ci.changeId(), ci.buildUrl()), code);
        }
    }

    private static GitFacts join(CompletableFuture<GitFacts> git) {
        try {
            return git.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Paths left out of the code fingerprint: what the training writes (outputs, metrics,
     * checkpoints) and what enters the key in canonical form anyway (params, mlci.yaml).
     */
    private static List<String> generatedOrKeyedSeparately(MlciConfig config, Params params) {
        List<String> excluded = new ArrayList<>(params.files());
        excluded.add(io.mlci.core.config.MlciYaml.FILE_NAME);
        excluded.addAll(config.train().outputs());
        excluded.addAll(config.metrics().files());
        if (config.metrics().predictions() != null) {
            excluded.add(config.metrics().predictions());
        }
        if (config.train().checkpoints() != null) {
            excluded.add(config.train().checkpoints().path());
        }
        return excluded;
    }

    /** The data must be exactly what the pointers name, or the record would lie about it. */
    private static List<DataInput> dataInputs(List<OutputStatus> statuses) {
        List<DataInput> inputs = new ArrayList<>();
        for (OutputStatus status : statuses) {
            TrackedOutput tracked = status.tracked();
            if (tracked.role() != TrackedOutput.Role.OUT || tracked.output().objectId() == null) {
                continue;
            }
            String path = tracked.output().workspacePath();
            switch (status.workspace()) {
                case MISSING -> throw new InvalidInputException(tracked.source(), path,
                        "the data is not in the workspace; run 'mlci data pull' first");
                case CHANGED -> throw new InvalidInputException(tracked.source(), path,
                        "the data differs from what the pointer names; record it with 'mlci data add " + path
                                + "' or restore it with 'mlci data checkout " + path + "'");
                default -> inputs.add(new DataInput(path, tracked.output().objectId().value(), tracked.output().size(),
                        tracked.output().isDirectory() ? tracked.output().nfiles() : 1, tracked.source()));
            }
        }
        return inputs;
    }

    /**
     * The executor of the training itself: with {@code train.nodes: N}, N local processes that meet
     * at one rendezvous. Several nodes in containers are refused rather than run as one: the
     * record would claim a distributed training that never happened.
     */
    Executor trainingExecutor(TrainConfig train) {
        if (train.nodes() == 1) {
            return executor(train);
        }
        if (runsInDocker(train)) {
            throw new InvalidInputException(MlciYaml.FILE_NAME, "train.nodes", "is " + train.nodes()
                    + ", but a training of several nodes runs only as local processes so far, not in the image '"
                    + train.image() + "'; remove train.nodes (or set it to 1) to train in the container, or train "
                    + "the nodes as local processes with --executor local");
        }
        return new MultiNodeExecutor(train.nodes(), rank -> new LocalProcessExecutor());
    }

    private boolean runsInDocker(TrainConfig train) {
        return switch (options.executor()) {
            case LOCAL -> false;
            case DOCKER -> true;
            case AUTO -> train.image() != null;
        };
    }

    /** The executor of one process: the training's, or a pipeline stage's. */
    Executor executor(TrainConfig train) {
        if (!runsInDocker(train)) {
            return new LocalProcessExecutor();
        }
        if (train.image() == null) {
            throw new InvalidInputException(MlciYaml.FILE_NAME, "train.image", "is required to train in Docker");
        }
        Map<String, String> env = options.environment();
        List<String> dockerArgs = DockerArgsPolicy.fromEnvironment(env).check(train.dockerArgs(),
                options.container().dockerArgs() != null ? "--docker-args" : MlciYaml.FILE_NAME, "train.dockerArgs");
        DockerCli cli = DockerCli.fromEnvironment(env);
        if (!DockerExecutor.engineAvailable(cli.binary())) {
            throw new MlciException("mlci.yaml sets train.image '" + train.image() + "' but no Docker engine answers '"
                    + cli.binary() + " info'; start Docker, or train without a container with --executor local");
        }
        ContainerOwner owner = ContainerOwner.current(env);
        String agent = env.getOrDefault("NODE_NAME", owner.agent());
        return new DockerExecutor(cli, new ContainerSpec(train.image(), dockerArgs, train.gpus(), owner),
                new WorkspaceMount(cli, Path.of("/"), env), agent, options.say());
    }
}
