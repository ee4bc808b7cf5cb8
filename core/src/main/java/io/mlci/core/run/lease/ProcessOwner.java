package io.mlci.core.run.lease;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process that owns something mlci leaves behind while it works (a lease, a run's scratch
 * directory), named so that another mlci can tell whether the owner still runs. A pid alone
 * says nothing on another machine, in another pid namespace (a container) or after a reboot,
 * and pids are reused: the owner is a pid on a machine (host name, boot, pid namespace) with its
 * start time.
 *
 * @param host    the host name, for messages
 * @param machine host name, boot id and pid namespace: equal only for processes that see each other's pids
 * @param pid     the process id
 * @param started the process's start time as the kernel reports it; null when unknown
 */
public record ProcessOwner(String host, String machine, long pid, String started) {

    private static final ProcessOwner CURRENT = of(ProcessHandle.current());

    /** This mlci process. */
    public static ProcessOwner current() {
        return CURRENT;
    }

    static ProcessOwner of(ProcessHandle process) {
        String host = firstLine(Path.of("/proc/sys/kernel/hostname")).orElseGet(ProcessOwner::javaHostName);
        String boot = firstLine(Path.of("/proc/sys/kernel/random/boot_id")).orElse("");
        String namespace;
        try {
            namespace = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            namespace = "";
        }
        return new ProcessOwner(host, host + " " + boot + " " + namespace, process.pid(),
                process.info().startInstant().map(Object::toString).orElse(null));
    }

    /**
     * Whether this owner is known to be gone: it ran on this machine (so its pid is visible here)
     * and no process with its pid and start time runs. An owner on another machine is never
     * known to be gone; only the lapse of time can tell.
     */
    @JsonIgnore
    public boolean isGone() {
        if (!isOnThisMachine()) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        String now = process.get().info().startInstant().map(Object::toString).orElse(null);
        return started != null && now != null && !started.equals(now);
    }

    /** Whether this owner ran on this machine, where its pid can be looked up. */
    @JsonIgnore
    public boolean isOnThisMachine() {
        return CURRENT.machine.equals(machine);
    }

    /** "pid 4711 on agent-7". */
    public String describe() {
        return "pid " + pid + " on " + host;
    }

    private static Optional<String> firstLine(Path file) {
        try {
            return Files.readAllLines(file).stream().findFirst().map(String::trim).filter(line -> !line.isEmpty());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static String javaHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
