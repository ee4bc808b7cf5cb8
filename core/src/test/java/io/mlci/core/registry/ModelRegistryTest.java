package io.mlci.core.registry;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mlci.core.InvalidInputException;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.RunStatus;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;
import io.mlci.core.storage.S3BlobStore;
import io.mlci.core.testing.S3TestServer;
import io.mlci.core.testing.TestRuns;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class ModelRegistryTest {

    private static final Actor ALICE = new Actor("alice", "https://ci.example/job/promote/4/");
    private static S3TestServer server;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @BeforeClass
    public static void startServer() throws Exception {
        server = S3TestServer.start(null);
        server.createBucket("mlci-registry");
    }

    @AfterClass
    public static void stopServer() throws Exception {
        server.close();
    }

    private RunStore localStore() throws Exception {
        return RunStores.open(temp.newFolder().toString(), temp.getRoot().toPath(), Map.of());
    }

    private static RunStore s3Store(String prefix) {
        return new RunStore(S3BlobStore.fromUrl("s3://mlci-registry/" + prefix, server.clientOptions().withMaxConnections(16)));
    }

    private static RunRecord gatedRun(RunStore store, long second, String verdict) {
        RunRecord run = TestRuns.record(second, RunStatus.SUCCEEDED, "main", "c".repeat(40), TestRuns.KEY_A);
        store.save(run, null);
        if (verdict != null) {
            store.addFact(run.id(), "gate", JsonNodeFactory.instance.objectNode().put("verdict", verdict));
        }
        return run;
    }

    @Test
    public void shouldRegisterOnlyRunsWhoseGatePassedUnlessForcedWithAReason() throws Exception {
        try (RunStore store = localStore()) {
            ModelRegistry registry = new ModelRegistry(store);
            RunRecord passed = gatedRun(store, 1, "passed");
            RunRecord failed = gatedRun(store, 2, "failed");
            RunRecord ungated = gatedRun(store, 3, null);

            assertThat(registry.register(passed, "churn", ALICE, false, null).version()).isEqualTo(1);
            assertThatThrownBy(() -> registry.register(failed, "churn", ALICE, false, null))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("gate failed");
            assertThatThrownBy(() -> registry.register(failed, "churn", ALICE, true, null)).hasMessageContaining("--reason");
            assertThatThrownBy(() -> registry.register(ungated, "churn", ALICE, false, null)).hasMessageContaining("never gated");
            ModelVersion forced = registry.register(failed, "churn", ALICE, true, "hotfix for the holiday traffic");
            assertThat(forced.version()).isEqualTo(2);
            assertThat(forced.gateVerdict()).isEqualTo("failed");
            assertThat(forced.reason()).isEqualTo("hotfix for the holiday traffic");
            assertThat(registry.versions("churn")).extracting(ModelVersion::runId).containsExactly(passed.id(), failed.id());
            assertThat(registry.history("churn")).extracting(RegistryEvent::type).containsExactly("register", "register");
        }
    }

    @Test
    public void shouldPromoteRollBackAndDemoteThroughTheEventLog() throws Exception {
        try (RunStore store = localStore()) {
            ModelRegistry registry = new ModelRegistry(store);
            for (int i = 1; i <= 3; i++) {
                registry.register(gatedRun(store, i, "passed"), "churn", ALICE, false, null);
            }
            registry.promote(ModelRef.parse("models:/churn/1"), "production", ALICE, "first");
            registry.promote(ModelRef.parse("churn/2"), "staging", ALICE, "try it");
            RegistryEvent second = registry.promote(ModelRef.parse("models:/churn@staging"), "production", ALICE, "looks good");

            assertThat(second.version()).isEqualTo(2);
            assertThat(second.previous()).isEqualTo(1);
            assertThat(registry.aliases("churn")).containsEntry("production", 2).containsEntry("staging", 2);
            assertThat(registry.version(ModelRef.parse("models:/churn@production")).version()).isEqualTo(2);

            RegistryEvent rolledBack = registry.rollback("churn", "production", ALICE, "latency regression");
            assertThat(rolledBack.version()).isEqualTo(1);
            assertThat(registry.aliases("churn")).containsEntry("production", 1);
            registry.demote("churn", "staging", ALICE, "done");
            assertThat(registry.aliases("churn")).doesNotContainKey("staging");
            assertThat(registry.history("churn")).extracting(RegistryEvent::type)
                    .containsExactly("register", "register", "register", "promote", "promote", "promote", "rollback", "demote");
            assertThat(registry.history("churn").get(3)).satisfies(e -> {
                assertThat(e.by()).isEqualTo("alice");
                assertThat(e.buildUrl()).isEqualTo("https://ci.example/job/promote/4/");
                assertThat(e.why()).isEqualTo("first");
            });
            assertThat(registry.versionsByRun().values()).anyMatch(l -> l.contains("churn v1 (production)"));
            ModelOverview churn = registry.overview().get(0);
            assertThat(churn.model()).isEqualTo("churn");
            assertThat(churn.versions()).extracting(ModelVersion::version).containsExactly(3, 2, 1);
            assertThat(churn.history().get(0).type()).isEqualTo("demote");
            assertThat(churn.aliasesOf(1)).containsExactly("production");
            assertThat(churn.aliasesOf(2)).isEmpty();
        }
    }

    @Test
    public void shouldNameWhatIsMissing() throws Exception {
        try (RunStore store = localStore()) {
            ModelRegistry registry = new ModelRegistry(store);
            registry.register(gatedRun(store, 1, "passed"), "churn", ALICE, false, null);

            assertThatThrownBy(() -> registry.version(ModelRef.parse("models:/fraud/1"))).hasMessageContaining("no model named fraud");
            assertThatThrownBy(() -> registry.version(ModelRef.parse("models:/churn/7"))).hasMessageContaining("versions 1..1");
            assertThatThrownBy(() -> registry.version(ModelRef.parse("models:/churn@production")))
                    .hasMessageContaining("points at no version");
            assertThatThrownBy(() -> registry.rollback("churn", "production", ALICE, "x")).hasMessageContaining("nothing to roll back");
            assertThatThrownBy(() -> ModelRef.parse("churn")).hasMessageContaining("models:/NAME/VERSION");
            assertThatThrownBy(() -> registry.promote(ModelRef.parse("churn/1"), "prod uction", ALICE, "x"))
                    .hasMessageContaining("aliases are");
        }
    }

    @Test
    public void shouldNeverGiveTwoRegistrationsOneNumberInADirectory() throws Exception {
        try (RunStore store = localStore()) {
            assertDistinctNumbers(store);
        }
    }

    @Test
    public void shouldNeverGiveTwoRegistrationsOneNumberOnS3() {
        try (RunStore store = s3Store("concurrent")) {
            assertDistinctNumbers(store);
        }
    }

    private static void assertDistinctNumbers(RunStore store) {
        ModelRegistry registry = new ModelRegistry(store);
        List<RunRecord> runs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            runs.add(gatedRun(store, i, "passed"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ModelVersion>> futures = new ArrayList<>();
            for (RunRecord run : runs) {
                futures.add(pool.submit(() -> registry.register(run, "churn", ALICE, false, null)));
            }
            List<Integer> numbers = new ArrayList<>();
            for (Future<ModelVersion> future : futures) {
                numbers.add(future.get().version());
            }
            assertThat(numbers).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
            assertThat(registry.versions("churn")).hasSize(8);
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdown();
        }
    }
}
