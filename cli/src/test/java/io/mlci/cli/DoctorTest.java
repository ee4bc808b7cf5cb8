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
        // the tests run with the vector module, on a CPU with AVX2 or AVX-512 here
        assertThat(run.out()).containsPattern("ok    hash kernel +simd, (8|16) lanes \\((256|512)-bit vectors of (8|16) ints;"
                + " for batches of 4 GiB or more in files up to 4 MiB, once a thread has compiled it");
    }

    @Test
    public void shouldWriteNothingIntoTheRepository() throws Exception {
        Path repo = TrainingRepos.create(temp.getRoot().toPath());
        // a .dvc/ holding only a cache, as an older mlci left it: a writing command would complete it
        Files.delete(repo.resolve(".dvc/config"));
        Files.deleteIfExists(repo.resolve(".dvc/.gitignore"));
        Files.createDirectories(repo.resolve(".dvc/cache"));
        java.util.List<Path> before = files(repo);

        CliRun run = doctor(repo);

        assertThat(run.out()).contains("data remote");
        assertThat(files(repo)).isEqualTo(before);
    }

    private static java.util.List<Path> files(Path repo) throws java.io.IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(repo)) {
            return walk.filter(path -> !path.startsWith(repo.resolve(".git"))).sorted().toList();
        }
    }

    @Test
    public void shouldNameTheHashKernelMlciHashAsksFor() throws Exception {
        Path repo = TrainingRepos.create(temp.getRoot().toPath());

        CliRun scalar = CliRun.withEnvironment(Map.of("PATH", System.getenv("PATH"), "MLCI_HASH", "scalar"),
                "-C", repo.toString(), "doctor");
        CliRun simd = CliRun.withEnvironment(Map.of("PATH", System.getenv("PATH"), "MLCI_HASH", "simd"),
                "-C", repo.toString(), "doctor");
        CliRun wrong = CliRun.withEnvironment(Map.of("PATH", System.getenv("PATH"), "MLCI_HASH", "fast"),
                "-C", repo.toString(), "doctor");

        assertThat(scalar.out()).containsPattern("ok    hash kernel +scalar \\(MLCI_HASH=scalar\\)");
        assertThat(simd.out()).containsPattern("ok    hash kernel +simd, (8|16) lanes \\(MLCI_HASH=simd; (256|512)-bit vectors");
        assertThat(wrong.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(wrong.out()).containsPattern("FAIL  hash kernel +MLCI_HASH: 'fast' is not one of auto, scalar, simd");
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
