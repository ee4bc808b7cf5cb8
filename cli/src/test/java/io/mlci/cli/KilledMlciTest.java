package io.mlci.cli;

import io.mlci.core.testing.GitRepos;
import io.mlci.core.testing.Processes;
import io.mlci.core.testing.TestRepos;
import org.eclipse.jgit.api.Git;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code mlci} process killed with SIGKILL while it trains, as the OOM killer or a
 * {@code kill -9} of a hung build would: no shutdown hook runs, yet the training must not go on.
 */
public class KilledMlciTest {

    /** A training that starts a child and waits for it, noting both pids. */
    private static final String LONG_COMMAND = "echo $$ > trainer.pid; sleep 300 & echo $! > child.pid; wait";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Rule
    public MlciProcesses processes = new MlciProcesses(temp);

    @Test
    public void shouldStopTheTrainingWhenMlciIsKilled() throws Exception {
        Path repo = repository("mlci.yaml", "train:\n  command: \"" + LONG_COMMAND + "\"\n");

        assertTrainingDiesWithMlci(repo, "train", "--executor", "local");
    }

    @Test
    public void shouldStopAPipelineStageWhenMlciIsKilled() throws Exception {
        Path repo = repository("dvc.yaml", "stages:\n  long:\n    cmd: \"" + LONG_COMMAND + "\"\n");

        assertTrainingDiesWithMlci(repo, "repro");
    }

    private void assertTrainingDiesWithMlci(Path repo, String... command) throws Exception {
        Process mlci = start(repo, command);
        long trainer = processes.readPid(repo.resolve("trainer.pid"), mlci);
        long child = processes.readPid(repo.resolve("child.pid"), mlci);
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive)).contains(true);

        mlci.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block
        mlci.waitFor();

        assertThat(Processes.runsWithin(trainer, 5_000)).as("the training command").isFalse();
        assertThat(Processes.runsWithin(child, 5_000)).as("a child of the training command").isFalse();
    }

    private Path repository(String file, String content) throws Exception {
        Path repo = temp.newFolder("repo").toPath().toRealPath();
        try (Git git = GitRepos.init(repo)) {
            TestRepos.write(repo, file, content);
            TestRepos.write(repo, ".gitignore", "/.mlci\n/*.pid\n");
            GitRepos.commitAll(git, "a long training");
        }
        return repo;
    }

    /** {@code mlci -C repo ARGS}. */
    private Process start(Path repo, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("-C", repo.toString()));
        argv.addAll(List.of(args));
        return processes.start(argv.toArray(String[]::new));
    }
}
