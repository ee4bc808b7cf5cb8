package io.mlci.core.run.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ties a local training to the life of the mlci process that started it. A SIGKILLed mlci runs
 * no shutdown hook, so without this its training would go on writing outputs and checkpoints
 * that no record describes.
 *
 * <p>The command runs under a small POSIX shell started with {@code setsid}: the shell leads a
 * new session and process group that the training and all its children belong to. A watchdog
 * in that group blocks reading the shell's standard input, a pipe whose only writer is mlci.
 * The kernel closes that pipe when mlci exits for any reason, SIGKILL included; the watchdog then
 * sends SIGTERM to the whole group and, after the kill grace, SIGKILL. The training itself reads
 * {@code /dev/null}, as before. When the training ends by itself the shell stops the watchdog and
 * exits with the training's status.
 */
final class ProcessGroupWrapper {

    /**
     * $1 = kill grace in seconds, the rest = the command. The watchdog ignores SIGTERM so that
     * stopping the group does not stop the one process that escalates to SIGKILL; the shell's
     * own trap keeps it waiting for the training while the training handles SIGTERM gracefully.
     */
    private static final String SCRIPT = String.join("\n",
            "grace=$1; shift",
            "exec 3<&0",
            "( trap '' TERM INT HUP; read -r _ <&3; kill -TERM 0; sleep \"$grace\"; kill -KILL 0 ) </dev/null >/dev/null 2>&1 &",
            "watchdog=$!",
            "exec 3<&-",
            "trap : TERM INT HUP",
            "\"$@\" </dev/null",
            "status=$?",
            "kill -KILL \"$watchdog\" 2>/dev/null",
            "exit $status");

    private static final Optional<String> SETSID = List.of("/usr/bin/setsid", "/bin/setsid").stream()
            .filter(path -> Files.isExecutable(Path.of(path))).findFirst();

    private ProcessGroupWrapper() {
    }

    /** Whether this machine can start a process group (Linux: util-linux setsid). */
    static boolean available() {
        return SETSID.isPresent() && Files.isExecutable(Path.of("/bin/sh"));
    }

    /** The argument vector that runs {@code command} in its own group, watched as described above. */
    static List<String> wrap(List<String> command, Duration grace) {
        List<String> argv = new ArrayList<>();
        argv.add(SETSID.orElseThrow());
        argv.addAll(List.of("/bin/sh", "-c", SCRIPT, "mlci-training", String.valueOf(Math.max(1, grace.toSeconds()))));
        argv.addAll(command);
        return argv;
    }
}
