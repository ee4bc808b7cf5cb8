package io.mlci.core.run.store;

import io.mlci.core.testing.TestRuns;
import io.mlci.core.run.record.RunStatus;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

public class LocalRunStoreTest extends RunStoreContract {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Override
    protected RunStore newStore() throws Exception {
        return RunStores.open(temp.newFolder().toString(), temp.getRoot().toPath(), Map.of());
    }

    @Test
    public void shouldKeepTheEmbeddedStoreOutOfGit() throws Exception {
        Path repo = temp.newFolder("repo").toPath();
        try (RunStore store = RunStores.open(null, repo, Map.of())) {
            store.save(TestRuns.record(1, RunStatus.SUCCEEDED, "main", null, TestRuns.KEY_A), null);
        }
        assertThat(repo.resolve(".mlci/.gitignore")).hasContent("*");
        try (var files = Files.list(repo.resolve(".mlci/runs"))) {
            assertThat(files.map(p -> p.getFileName().toString())).singleElement().asString().endsWith(".json");
        }
    }
}
