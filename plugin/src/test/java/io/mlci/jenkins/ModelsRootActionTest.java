package io.mlci.jenkins;

import hudson.util.Secret;
import io.mlci.core.registry.Actor;
import io.mlci.core.registry.ModelRef;
import io.mlci.core.registry.ModelRegistry;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;
import io.mlci.core.testing.TrainingRepos;
import io.mlci.core.run.Trainer;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@WithJenkins
class ModelsRootActionTest {

    @TempDir
    Path temp;

    @Test
    void shouldListModelsVersionsStagesAndHistoryFromTheConfiguredStore(JenkinsRule jenkins) throws Exception {
        Path store = temp.resolve("store");
        Path repo = TrainingRepos.create(temp);
        List<String> sink = new ArrayList<>();
        Map<String, String> env = new HashMap<>(Map.of(RunStores.STORE_VARIABLE, store.toString(),
                "BUILD_URL", "https://ci.example/job/churn/main/4/"));
        RunRecord run = new Trainer(repo, TrainingRepos.options(env, sink, sink)).train().record();
        try (RunStore runs = RunStores.open(store.toString(), repo, Map.of())) {
            ModelRegistry registry = new ModelRegistry(runs);
            registry.register(run, "churn", new Actor("alice", "https://ci.example/job/promote/1/"), true, "first model");
            registry.promote(ModelRef.parse("churn/1"), "production", new Actor("alice", null), "ship it");
        }
        MlciConfiguration.get().setStoreUrl(store.toString());

        HtmlPage page = jenkins.createWebClient().goTo("ml-models");

        String text = page.asNormalizedText();
        assertThat(text).contains("churn").contains("production").contains("v1").contains(run.id()).contains("ship it");
        assertThat(page.getElementById("run-" + run.id())).isNotNull();
    }

    @Test
    void shouldReadTheRegistryAtItsOwnLocationAndMarkWhatTheKeyDoesNotVerify(JenkinsRule jenkins) throws Exception {
        Path store = temp.resolve("store");
        Path registryDir = temp.resolve("registry");
        Path repo = TrainingRepos.create(temp);
        List<String> sink = new ArrayList<>();
        Map<String, String> env = new HashMap<>(Map.of(RunStores.STORE_VARIABLE, store.toString()));
        RunRecord run = new Trainer(repo, TrainingRepos.options(env, sink, sink)).train().record();
        String key = "k".repeat(32);
        try (RunStore runs = RunStores.open(store.toString(), repo, Map.of())) {
            try (ModelRegistry signed = ModelRegistry.open(runs, registryDir.toString(), repo, Map.of("MLCI_REGISTRY_KEY", key))) {
                signed.register(run, "churn", new Actor("release-bot", null), true, "signed");
            }
            // a job without the key promotes on its own
            try (ModelRegistry unsigned = ModelRegistry.open(runs, registryDir.toString(), repo, Map.of())) {
                unsigned.promote(ModelRef.parse("churn/1"), "production", new Actor("mallory", null), "unsigned promotion");
            }
        }
        MlciConfiguration.get().setStoreUrl(store.toString());
        MlciConfiguration.get().setRegistryUrl(registryDir.toString());
        MlciConfiguration.get().setRegistryKey(Secret.fromString(key));

        String text = jenkins.createWebClient().goTo("ml-models").asNormalizedText();

        assertThat(text).contains(registryDir.toString()).contains("unsigned promotion").contains("UNSIGNED, ignored")
                .doesNotContain("production \u2192 v1");
    }

    @Test
    void shouldSayThatNoStoreIsConfigured(JenkinsRule jenkins) throws Exception {
        String text = jenkins.createWebClient().goTo("ml-models").asNormalizedText();

        assertThat(text).contains("No run store is configured");
    }
}
