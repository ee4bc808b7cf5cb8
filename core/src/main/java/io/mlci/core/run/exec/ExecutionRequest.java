package io.mlci.core.run.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One attempt at running the training command.
 *
 * @param name      a name for the attempt (used for the container name)
 * @param command   argument vector
 * @param workdir   the repository root; the command runs there
 * @param env       variables added to the inherited environment
 * @param timeout   stop the command after this long; null = never
 * @param killGrace how long a stopped command may take to exit after SIGTERM before SIGKILL
 */
public record ExecutionRequest(String name, List<String> command, Path workdir, Map<String, String> env,
                               Duration timeout, Duration killGrace) {

    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(30);

    public ExecutionRequest {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        killGrace = killGrace == null ? DEFAULT_KILL_GRACE : killGrace;
    }
}
