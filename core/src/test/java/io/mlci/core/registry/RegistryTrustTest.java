package io.mlci.core.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlci.core.InvalidInputException;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.RunStatus;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.storage.BlobStore;
import io.mlci.core.storage.PrefixedBlobStore;
import io.mlci.core.storage.S3BlobStore;
import io.mlci.core.testing.S3TestServer;
import io.mlci.core.testing.TestRuns;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import io.mlci.core.storage.S3Options;
import io.mlci.core.storage.BlobStores;
import java.nio.file.Path;
import java.nio.file.Files;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may write the registry and what readers believe, on a real S3 server: a pull-request build
 * is refused; events are ordered by a sequence number claimed with a conditional write, not by
 * their date; with MLCI_REGISTRY_KEY, what a mere store writer plants (unsigned, badly signed,
 * replayed at another place) is shown as such and changes no stage.
 */
public class RegistryTrustTest {

    private static final Map<String, String> TRUSTED_JOB = Map.of("MLCI_REGISTRY_KEY", "k".repeat(32),
            "BUILD_URL", "https://ci.example/job/promote/9/", "USER", "release-bot");
    private static final Actor JOB = Actor.from(TRUSTED_JOB);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static S3TestServer server;

    private RunStore store;
    private RunRecord run;
    /** A second gated run, for a second version: one run is registered once. */
    private RunRecord retrained;

    @BeforeClass
    public static void startServer() throws Exception {
        server = S3TestServer.start(null);
        server.createBucket("mlci-trust");
    }

    @AfterClass
    public static void stopServer() throws Exception {
        server.close();
    }

    @Before
    public void storeWithAGatedRun() {
        store = new RunStore(S3BlobStore.fromUrl("s3://mlci-trust/" + UUID.randomUUID(), server.clientOptions()));
        run = TestRuns.record(1, RunStatus.SUCCEEDED, "main", "c".repeat(40), TestRuns.KEY_A);
        store.save(run, null);
        store.addFact(run.id(), "gate", JsonNodeFactory.instance.objectNode().put("verdict", "passed"));
        retrained = TestRuns.record(2, RunStatus.SUCCEEDED, "main", "d".repeat(40), TestRuns.KEY_B);
        store.save(retrained, null);
        store.addFact(retrained.id(), "gate", JsonNodeFactory.instance.objectNode().put("verdict", "passed"));
    }

    private ModelRegistry signed() {
        return ModelRegistry.open(store, null, TRUSTED_JOB);
    }

    private BlobStore registryBlobs() {
        return new PrefixedBlobStore(store.blobs(), "registry");
    }

    /** What a build that can write the store but holds no key puts there by hand. */
    private void plant(String key, RegistryEvent event) throws Exception {
        registryBlobs().putIfAbsent(key, JSON.writeValueAsBytes(event));
    }

    @Test
    public void shouldRefuseEveryRegistryWriteFromAPullRequestBuild() {
        ModelRegistry registry = signed();
        registry.register(run, "churn", JOB, false, null);
        registry.promote(ModelRef.parse("churn/1"), "production", JOB, "ship");
        List<String> before = registryBlobs().list("");
        Actor pullRequest = Actor.from(Map.of("CHANGE_ID", "7", "BUILD_URL", "https://ci.example/job/PR-7/1/"));

        assertThatThrownBy(() -> registry.register(run, "churn", pullRequest, true, "mine"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("CHANGE_ID=7: a pull-request build cannot register model versions: the registry is written "
                        + "only by main-branch and promotion jobs");
        assertThatThrownBy(() -> registry.promote(ModelRef.parse("churn/1"), "staging", pullRequest, "x"))
                .hasMessageContaining("cannot promote");
        assertThatThrownBy(() -> registry.demote("churn", "production", pullRequest, "x")).hasMessageContaining("cannot demote");
        assertThatThrownBy(() -> registry.rollback("churn", "production", pullRequest, "x"))
                .hasMessageContaining("cannot roll back");
        assertThat(registryBlobs().list("")).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    public void shouldOrderBySequenceNotByTheDateAnEventClaims() throws Exception {
        ModelRegistry registry = new ModelRegistry(store);
        registry.register(run, "churn", JOB, false, null);
        registry.register(retrained, "churn", JOB, false, null);
        registry.promote(ModelRef.parse("churn/1"), "production", JOB, "first");
        // dated in the future, in the old key layout that sorted by time: it must not come last
        plant("churn/events/999999999999999-00000000.json", new RegistryEvent("churn", "promote", 2, "production", 1,
                "2999-01-01T00:00:00Z", "mallory", "future", null));
        registry.promote(ModelRef.parse("churn/1"), "production", JOB, "again");

        assertThat(registry.aliases("churn")).containsEntry("production", 1);
        assertThat(registry.history("churn")).extracting(RegistryEvent::sequence).containsExactly(null, 1L, 2L, 3L, 4L);
    }

    @Test
    public void shouldShowButIgnoreUnsignedBadlySignedAndReplayedEventsWhenAKeyIsSet() throws Exception {
        ModelRegistry registry = signed();
        registry.register(run, "churn", JOB, false, null);
        registry.register(retrained, "churn", JOB, false, null);
        RegistryEvent promotion = registry.promote(ModelRef.parse("churn/1"), "production", JOB, "ship 1");
        registry.promote(ModelRef.parse("churn/2"), "production", JOB, "ship 2");
        // a store writer without the key: an unsigned promotion, one signed with another key, and the
        // genuine "production -> 1" event copied to a later place in the history
        plant("churn/log/0000000005.json", new RegistryEvent("churn", "promote", 1, "staging", null, "2026-01-01T00:00:00Z",
                "mallory", "unsigned", null).numbered(5));
        plant("churn/log/0000000006.json", new RegistryEvent("churn", "promote", 1, "production", 2, "2026-01-01T00:00:00Z",
                "mallory", "wrong key", null).numbered(6).signed("ab".repeat(32)));
        plant("churn/log/0000000007.json", promotion);

        assertThat(registry.aliases("churn")).isEqualTo(Map.of("production", 2));
        assertThat(registry.history("churn")).extracting(registry::trust).containsExactly(
                RegistryEvent.Trust.VERIFIED, RegistryEvent.Trust.VERIFIED, RegistryEvent.Trust.VERIFIED,
                RegistryEvent.Trust.VERIFIED, RegistryEvent.Trust.UNSIGNED, RegistryEvent.Trust.BAD_SIGNATURE,
                RegistryEvent.Trust.BAD_SIGNATURE);
        assertThat(new ModelRegistry(store).trust(promotion)).as("a reader without the key cannot check")
                .isEqualTo(RegistryEvent.Trust.NOT_CHECKED);
        assertThat(registry.history("churn").get(0).signature()).hasSize(64);
    }

    @Test
    public void shouldRefuseAVersionNoSignedEventRegistered() throws Exception {
        ModelRegistry registry = signed();
        registry.register(run, "churn", JOB, false, null);
        ObjectNode forged = (ObjectNode) JSON.readTree(registryBlobs().open("churn/versions/0000000001.json"));
        forged.put("version", 2).put("reason", "planted");
        registryBlobs().putIfAbsent("churn/versions/0000000002.json", JSON.writeValueAsBytes(forged));

        assertThat(registry.version(ModelRef.parse("churn/1")).version()).isEqualTo(1);
        assertThatThrownBy(() -> registry.version(ModelRef.parse("churn/2"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("version 2 was not registered by an event signed with MLCI_REGISTRY_KEY");
        assertThatThrownBy(() -> registry.promote(ModelRef.parse("churn/2"), "production", JOB, "x"))
                .hasMessageContaining("not trusted");
    }

    @Test
    public void shouldGiveConcurrentWritersDistinctPlacesInTheHistory() throws Exception {
        ModelRegistry registry = signed();
        registry.register(run, "churn", JOB, false, null);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<RegistryEvent>> promotions = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String stage = "stage" + (char) ('a' + i);
                promotions.add(pool.submit(() -> registry.promote(ModelRef.parse("churn/1"), stage, JOB, "parallel")));
            }
            List<Long> numbers = new ArrayList<>();
            for (Future<RegistryEvent> promotion : promotions) {
                numbers.add(promotion.get().sequence());
            }
            assertThat(numbers).doesNotHaveDuplicates().allMatch(n -> n >= 2 && n <= 7);
        } finally {
            pool.shutdownNow();
        }
        assertThat(registry.aliases("churn")).hasSize(6);
    }

    @Test
    public void shouldStoreOnlyHttpLinksForTheBuild() throws Exception {
        List<String> warnings = new ArrayList<>();
        Actor actor = Actor.from(Map.of("BUILD_URL", "javascript:alert(1)", "USER", "eve"), warnings::add);

        ModelVersion version = new ModelRegistry(store).register(run, "churn", actor, false, null);

        assertThat(version.buildUrl()).isNull();
        assertThat(new ModelRegistry(store).history("churn").get(0).buildUrl()).isNull();
        assertThat(warnings).containsExactly("BUILD_URL 'javascript:alert(1)' is not an http(s) URL; it is not stored");
        try (var in = store.blobs().open("registry/churn/versions/0000000001.json")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).doesNotContain("javascript");
        }
    }

    @Test
    public void shouldShowAPagesReaderEveryEventsTrustAtTheRegistrysOwnLocation() throws Exception {
        Path location = Files.createTempDirectory("mlci-registry");
        try {
            String url = location.toString();
            try (ModelRegistry writer = ModelRegistry.open(store, url, location, TRUSTED_JOB)) {
                writer.register(run, "churn", JOB, false, null);
                writer.promote(ModelRef.parse("churn/1"), "production", JOB, "ship");
            }
            // a writer without the key: an unsigned promotion and a version no signed event registered
            BlobStore own = BlobStores.open(url, location, S3Options.defaults());
            own.putIfAbsent("churn/log/0000000003.json", JSON.writeValueAsBytes(new RegistryEvent("churn", "promote", 1,
                    "staging", null, "2026-01-01T00:00:00Z", "mallory", "unsigned", null).numbered(3)));
            ObjectNode forged = (ObjectNode) JSON.readTree(own.open("churn/versions/0000000001.json"));
            own.putIfAbsent("churn/versions/0000000002.json", JSON.writeValueAsBytes(forged.put("version", 2)));

            ModelOverview checked;
            try (ModelRegistry page = ModelRegistry.open(store, url, location, Map.of("MLCI_REGISTRY_KEY", "k".repeat(32)))) {
                checked = page.overview().get(0);
            }
            assertThat(checked.trust()).containsExactly("UNSIGNED, ignored", "signed", "signed");
            assertThat(checked.aliases()).isEqualTo(Map.of("production", 1));
            assertThat(checked.isUntrusted(2)).isTrue();
            assertThat(checked.isUntrusted(1)).isFalse();

            ModelOverview unchecked;
            try (ModelRegistry page = ModelRegistry.open(store, url, location, Map.of())) {
                unchecked = page.overview().get(0);
            }
            assertThat(unchecked.trustOf(0)).isEqualTo("UNSIGNED");
            assertThat(unchecked.trustOf(1)).startsWith("signed, not checked");
            assertThat(unchecked.aliases()).containsEntry("staging", 1);
            assertThat(new ModelRegistry(store).overview()).as("nothing at the store's own registry/ prefix").isEmpty();
        } finally {
            io.mlci.core.storage.FileTrees.delete(location);
        }
    }
}
