package io.mlci.core.run.docker;

import io.mlci.core.testing.FakeDocker;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

public class OrphanSweepTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static String row(String id, String state, String agent, String owner) {
        return String.join("\t", id, "mlci-" + id, state, agent, owner, "jenkins-churn-PR-5-" + id) + "\n";
    }

    @Test
    public void shouldSelectThisAgentsContainersWhoseMlciIsGone() {
        List<OrphanSweep.Container> listed = OrphanSweep.parse(row("a1", "running", "agent-1", "111@1")
                + row("a2", "exited", "agent-1", "222@2") + row("a3", "running", "agent-1", "333@3")
                + row("b1", "running", "agent-2", "111@1") + row("a4", "exited", "agent-1", "333@3"));

        List<OrphanSweep.Container> orphans = OrphanSweep.orphans(listed, "agent-1", owner -> owner.equals("333@3"));

        assertThat(orphans).extracting(OrphanSweep.Container::id).containsExactly("a1", "a2");
    }

    @Test
    public void shouldStopThenRemoveRunningOrphansAndLeaveLiveTrainingsAlone() {
        FakeDocker docker = FakeDocker.install(temp.getRoot().toPath());
        ContainerOwner self = ContainerOwner.current(Map.of("BUILD_TAG", "jenkins-churn-7"));
        docker.set("ps", row("dead", "running", self.agent(), "1@1") + row("gone", "exited", self.agent(), "1@1")
                + row("mine", "running", self.agent(), self.owner()) + row("other", "running", "another-agent", "1@1"));
        List<String> said = new ArrayList<>();

        new OrphanSweep(new DockerCli(docker.binary(), Map.of()), said::add).sweep(self);

        assertThat(docker.lines()).containsExactly(
                "ps -a --no-trunc --filter label=io.mlci.run --format " + OrphanSweep.FORMAT,
                "stop --time 10 dead", "rm -f dead", "rm -f gone");
        assertThat(said).hasSize(2).first().asString().startsWith("removing container mlci-dead of build jenkins-churn-PR-5-dead");
    }

    @Test
    public void shouldKnowItsOwnProcessAliveAndADeadOneNot() throws Exception {
        assertThat(ContainerOwner.alive(ContainerOwner.current(Map.of()).owner())).isTrue();
        Process process = new ProcessBuilder("sleep", "30").start();
        String owner = ContainerOwner.ownerOf(process.toHandle()).orElseThrow();
        assertThat(ContainerOwner.alive(owner)).isTrue();
        process.destroyForcibly().waitFor();
        assertThat(ContainerOwner.alive(owner)).isFalse();
        assertThat(ContainerOwner.alive(owner.substring(0, owner.indexOf('@')) + "@12")).as("a reused pid").isFalse();
    }
}
