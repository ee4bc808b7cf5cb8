package io.mlci.core.run;

import io.mlci.core.run.cost.PriceTable;
import io.mlci.core.run.cost.Prices;
import io.mlci.core.run.cost.Trainings;
import io.mlci.core.run.env.EnvironmentProbe;
import io.mlci.core.run.record.Resources;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.RunStatus;
import io.mlci.core.testing.FakeInstanceMetadata;
import io.mlci.core.testing.FakeNvidiaSmi;
import io.mlci.core.testing.TestRuns;
import io.mlci.core.testing.TrainingRepos;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The {@code resources} block of real trainings. EC2 and GPUs cannot exist here: the instance
 * metadata service is a loopback IMDSv2 server ({@link FakeInstanceMetadata}) and nvidia-smi a
 * script printing what the real one prints.
 */
public class TrainingCostTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<String> phases = new CopyOnWriteArrayList<>();
    private Path repo;

    @Before
    public void createRepository() throws Exception {
        repo = TrainingRepos.create(temp.getRoot().toPath());
    }

    private TrainOutcome train(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("MLCI_BRANCH", "main");
        all.putIfAbsent(EnvironmentProbe.NVIDIA_SMI_VARIABLE, "/nonexistent/nvidia-smi");
        return new Trainer(repo, TrainingRepos.options(all, phases, new CopyOnWriteArrayList<>())).train();
    }

    @Test
    public void shouldRecordTheMachineItsGpuHoursAndATablePriceOnEc2() throws Exception {
        try (FakeInstanceMetadata imds = new FakeInstanceMetadata(Map.of("instance-type", "g5.xlarge",
                "instance-life-cycle", "on-demand", "placement/region", "us-west-2"))) {
            Map<String, String> env = new HashMap<>(imds.environment());
            env.put(EnvironmentProbe.EC2_METADATA_VARIABLE, "true");
            env.put(EnvironmentProbe.NVIDIA_SMI_VARIABLE, FakeNvidiaSmi.write(temp.getRoot().toPath()));
            RunRecord run = train(env).record();

            Resources used = run.resources();
            assertThat(used.instanceType()).isEqualTo("g5.xlarge");
            assertThat(used.lifecycle()).isEqualTo("on-demand");
            assertThat(used.region()).isEqualTo("us-west-2");
            assertThat(used.gpuCount()).isEqualTo(2);
            assertThat(used.gpuModel()).isEqualTo("NVIDIA A10G");
            assertThat(used.hours()).isPositive().isGreaterThanOrEqualTo(run.durationSeconds() / 3600);
            assertThat(used.gpuHours()).isCloseTo(2 * used.hours(), within(1e-12));
            assertThat(used.cost().pricePerHour()).isEqualTo(1.006);
            assertThat(used.cost().date()).isEqualTo(PriceTable.shipped().date());
            assertThat(used.cost().source()).contains("us-west-2");
            assertThat(used.cost().estimate()).isCloseTo(1.006 * used.hours(), within(1e-6));
            assertThat(used.attempts()).singleElement().satisfies(attempt -> {
                assertThat(attempt.ended()).isEqualTo("exited");
                assertThat(attempt.exitCode()).isZero();
                assertThat(attempt.reason()).isEqualTo("succeeded");
            });
            assertThat(used.phases().training()).isPositive();
            assertThat(used.phases().upload()).isNotNull();
            assertThat(used.phases().dataFetch()).as("checkpoints were looked for").isNotNull();
            assertThat(used.phases().imagePull()).as("no image").isNull();
            assertThat(used.saved()).isNull();
        }
    }

    @Test
    public void shouldRecordEachAttemptOfARetriedTraining() throws Exception {
        Files.writeString(repo.resolve("mlci.yaml"), TrainingRepos.MLCI_YAML.replace("timeout: 1m", "timeout: 1m\n  retries: 1"));
        Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(0.5, "flaky"));

        RunRecord run = train(Map.of(Prices.PRICE_VARIABLE, "3.6")).record();

        Resources used = run.resources();
        assertThat(used.attempts()).hasSize(2);
        assertThat(used.attempts().get(0).exitCode()).isEqualTo(1);
        assertThat(used.attempts().get(0).reason()).isEqualTo("the command exited with status 1");
        assertThat(used.attempts().get(1).exitCode()).isZero();
        assertThat(used.phases().training()).isCloseTo(used.attempts().get(0).seconds() + used.attempts().get(1).seconds(),
                within(0.002));
        assertThat(used.cost().source()).isEqualTo("MLCI_PRICE_PER_HOUR");
        assertThat(used.cost().estimate()).isCloseTo(3.6 * used.hours(), within(1e-6));
        assertThat(used.gpuCount()).as("no GPU found").isNull();
        assertThat(used.gpuHours()).isNull();
        assertThat(used.instanceType()).isNull();
    }

    @Test
    public void shouldRecordWhatASkippedRunSaved() throws Exception {
        Files.writeString(repo.resolve("mlci.yaml"), TrainingRepos.MLCI_YAML + "cost:\n  pricePerHour: 2.5\n  currency: EUR\n");
        RunRecord first = train(Map.of()).record();

        TrainOutcome second = train(Map.of());

        assertThat(second.skipped()).isTrue();
        Resources used = second.record().resources();
        assertThat(used.saved().run()).isEqualTo(first.id());
        assertThat(used.saved().hours()).isEqualTo(first.resources().hours());
        assertThat(used.saved().cost()).isEqualTo(first.resources().cost());
        assertThat(used.saved().cost().currency()).isEqualTo("EUR");
        assertThat(used.attempts()).isEmpty();
        assertThat(used.phases().training()).isNull();
        assertThat(used.phases().dataFetch()).as("the outputs were restored").isNotNull();
        assertThat(used.cost().estimate()).as("restoring costs something too").isGreaterThanOrEqualTo(0);
        assertThat(phases).anyMatch(line -> line.startsWith("skipped:") && line.contains(" EUR)"));
        assertThat(Trainings.of(second.record())).isEqualTo(used.saved());
    }

    @Test
    public void shouldReadTheTrainingOfARecordWrittenBeforeResourcesExisted() {
        RunRecord old = TestRuns.record(0, RunStatus.REUSED, "main", "c0ffee0000", TestRuns.KEY_A);

        Resources.Training training = Trainings.of(old);

        assertThat(old.resources()).isNull();
        assertThat(training.run()).isEqualTo(old.reusedFrom());
        assertThat(training.hours()).isCloseTo(60 / 3600.0, within(1e-12));
        assertThat(training.cost()).isNull();
        Prices prices = new Prices(io.mlci.core.config.CostConfig.NONE, "mlci.yaml", Map.of(Prices.PRICE_VARIABLE, "36"),
                PriceTable.shipped());
        assertThat(Trainings.priced(training, prices).cost().estimate()).isCloseTo(0.6, within(1e-9));
    }
}
