package io.mlci.core.run.docker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Removes training containers that outlived their build on this agent: those whose mlci process
 * is gone (a lost agent connection, a SIGKILL the watchdog could not follow), running or stopped
 * without {@code --rm} having removed them. Runs before each containerised training.
 */
public final class OrphanSweep {

    static final String FORMAT = "{{.ID}}\t{{.Names}}\t{{.State}}\t{{.Label \"" + ContainerOwner.AGENT + "\"}}\t{{.Label \""
            + ContainerOwner.OWNER + "\"}}\t{{.Label \"" + ContainerOwner.BUILD + "\"}}";
    private static final Duration LIMIT = Duration.ofMinutes(2);

    /** One line of {@code docker ps}. */
    record Container(String id, String name, String state, String agent, String owner, String build) {
        boolean running() {
            return state.equals("running") || state.equals("restarting") || state.equals("paused");
        }
    }

    private final DockerCli docker;
    private final Consumer<String> say;

    public OrphanSweep(DockerCli docker, Consumer<String> say) {
        this.docker = docker;
        this.say = say;
    }

    /** Lists mlci's containers and removes the orphans of this agent; a listing that fails is only reported. */
    public void sweep(ContainerOwner self) {
        DockerCli.Result listed = docker.run(List.of("ps", "-a", "--no-trunc", "--filter", "label=" + ContainerOwner.RUN,
                "--format", FORMAT), LIMIT);
        if (!listed.ok()) {
            say.accept("could not list earlier training containers (" + listed.reason() + "); none removed");
            return;
        }
        for (Container orphan : orphans(parse(listed.stdout()), self.agent(), ContainerOwner::alive)) {
            say.accept("removing container " + orphan.name() + " of build " + orphan.build() + " (" + orphan.state()
                    + ", its mlci process started " + ContainerOwner.since(orphan.owner()) + " is gone)");
            if (orphan.running()) {
                docker.run(List.of("stop", "--time", "10", orphan.id()), LIMIT);
            }
            docker.run(List.of("rm", "-f", orphan.id()), LIMIT);
        }
    }

    static List<Container> parse(String ps) {
        List<Container> containers = new ArrayList<>();
        for (String line : ps.split("\\R")) {
            String[] fields = line.split("\t", -1);
            if (fields.length == 6 && !fields[0].isBlank()) {
                containers.add(new Container(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]));
            }
        }
        return containers;
    }

    /**
     * This agent's containers whose owning mlci process no longer runs, stopped or not. A live
     * owner's stopped container is left alone: its own {@code --rm} is about to remove it. Other
     * agents' containers are theirs to clean.
     */
    static List<Container> orphans(List<Container> containers, String agent, Predicate<String> ownerAlive) {
        return containers.stream().filter(container -> container.agent().equals(agent))
                .filter(container -> !ownerAlive.test(container.owner())).toList();
    }
}
