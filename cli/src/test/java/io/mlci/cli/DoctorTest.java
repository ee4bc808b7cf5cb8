package io.mlci.cli;

import io.mlci.core.testing.TrainingRepos;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

public class DoctorTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private CliRun doctor(Path repo) {
        return CliRun.withEnvironment(Map.of("PATH", System.getenv("PATH")), "-C", repo.toString(), "doctor");
    }

    @Test
    public void shouldPassAHealthyRepository() throws Exception {
        Path repo = TrainingRepos.create(temp.getRoot().toPath());

        CliRun run = doctor(repo);

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("ok    java").contains("ok    mlci.yaml").contains("ok    training command sh")
                .contains("ok    data remote").contains("ok    run store");
    }

    @Test
    public void shouldSayWhatIsMissing() throws Exception {
        Path repo = TrainingRepos.create(temp.getRoot().toPath(),
                TrainingRepos.MLCI_YAML.replace("command: sh train.sh", "command: mlci-no-such-trainer train.py"), "ok");
        Files.writeString(repo.resolve(".dvc/config"), "[core]\n    remote = gone\n['remote \"gone\"']\n    url = /nonexistent-mlci-remote\n");

        CliRun run = doctor(repo);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.out()).contains("FAIL  training command mlci-no-such-trainer is not on PATH");

        Files.writeString(repo.resolve("mlci.yaml"), "train:\n  comand: x\n");
        CliRun broken = doctor(repo);
        assertThat(broken.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(broken.out()).contains("FAIL  mlci.yaml").contains("did you mean 'command'?");
    }
}
