package io.mlci.core.run.docker;

import io.mlci.core.MlciException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops and removes a training container when the mlci process that started it dies without
 * doing so itself (SIGKILL, the agent's JVM killed): a small shell loop, in its own session and
 * without Jenkins' process cookies so that killing the build's process tree does not take it
 * along, polls the mlci process and cleans up once it is gone. mlci ends it after a normal run.
 */
public final class Watchdog implements AutoCloseable {

    /** Variables by which Jenkins finds a build's processes to kill them. */
    private static final List<String> JENKINS_COOKIES = List.of("JENKINS_NODE_COOKIE", "BUILD_ID", "JENKINS_SERVER_COOKIE");

    private static final String SCRIPT = "while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; "
            + "\"$2\" stop --time 10 \"$3\" >/dev/null 2>&1; \"$2\" rm -f \"$3\" >/dev/null 2>&1";

    private final Process process;

    private Watchdog(Process process) {
        this.process = process;
    }

    /** Watches {@code owner}; when it is gone, stops then removes {@code container}. */
    public static Watchdog start(DockerCli docker, String container, long owner) {
        List<String> command = new ArrayList<>();
        setsid().ifPresent(command::add);
        command.addAll(List.of("sh", "-c", SCRIPT, "mlci-watchdog", String.valueOf(owner), docker.binary(), container));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        JENKINS_COOKIES.forEach(builder.environment()::remove);
        try {
            return new Watchdog(builder.start());
        } catch (IOException e) {
            throw new MlciException("cannot start the watchdog of container " + container + ": " + e.getMessage(), e);
        }
    }

    private static java.util.Optional<String> setsid() {
        return List.of("/usr/bin/setsid", "/bin/setsid").stream().filter(path -> Files.isExecutable(Path.of(path))).findFirst();
    }

    /** Whether it still watches (for tests). */
    public boolean alive() {
        return process.isAlive();
    }

    /** The training ended and mlci cleaned up itself: nothing left to watch. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }
}
