package io.mlci.core.run.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who started a training container, written into its labels so that the next training on the
 * agent can tell a container whose build is over from one still training: the build
 * ({@code io.mlci.build}), the run ({@code io.mlci.run}), the agent ({@code io.mlci.agent}: its
 * host name, so agents sharing one Docker engine leave each other's containers alone) and the mlci
 * process ({@code io.mlci.owner}: pid and start time, which a reused pid does not match).
 */
public record ContainerOwner(String build, String agent, String owner) {

    public static final String RUN = "io.mlci.run";
    public static final String BUILD = "io.mlci.build";
    public static final String AGENT = "io.mlci.agent";
    public static final String OWNER = "io.mlci.owner";

    /** This mlci process on this agent, in the build Jenkins names in {@code BUILD_TAG} ("local" outside Jenkins). */
    public static ContainerOwner current(Map<String, String> env) {
        ProcessHandle self = ProcessHandle.current();
        return new ContainerOwner(env.getOrDefault("BUILD_TAG", "local"), agentName(env), ownerOf(self).orElse(self.pid() + "@"));
    }

    /** {@code pid@start-epoch-seconds} of a live process. */
    static Optional<String> ownerOf(ProcessHandle process) {
        return process.info().startInstant().map(start -> process.pid() + "@" + start.getEpochSecond());
    }

    /** Whether the process named by an owner label still runs (the same process, not a reuse of its pid). */
    public static boolean alive(String owner) {
        int at = owner == null ? -1 : owner.indexOf('@');
        if (at <= 0) {
            return false;
        }
        try {
            long pid = Long.parseLong(owner.substring(0, at));
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).flatMap(ContainerOwner::ownerOf)
                    .map(owner::equals).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String agentName(Map<String, String> env) {
        try {
            String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!host.isEmpty()) {
                return host;
            }
        } catch (IOException e) {
            // not Linux: the variables below name the host
        }
        return env.getOrDefault("HOSTNAME", env.getOrDefault("COMPUTERNAME", "unknown"));
    }

    /** The {@code --label} options of a training container of {@code runId}. */
    public List<String> labels(String runId) {
        List<String> args = new ArrayList<>();
        for (String label : List.of(RUN + "=" + runId, BUILD + "=" + build, AGENT + "=" + agent, OWNER + "=" + owner)) {
            args.add("--label");
            args.add(label);
        }
        return args;
    }

    /** For messages: when it was started. */
    static String since(String owner) {
        int at = owner.indexOf('@');
        try {
            return Instant.ofEpochSecond(Long.parseLong(owner.substring(at + 1))).toString();
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return "an unknown time";
        }
    }
}
