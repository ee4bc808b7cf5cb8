package io.mlci.core.ci;

import io.mlci.core.testing.PersistedXml;
import org.junit.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class FileOriginTest {

    @Test
    public void shouldComeBackFromXStreamAsTheSameOrigin() {
        FileOrigin origin = new FileOrigin("run-1", "model/mödel <v2>.bin", "ab".repeat(32), "ml/churn/PR-7#3");

        String xml = PersistedXml.write(origin);
        FileOrigin read = PersistedXml.read(xml, FileOrigin.class);

        assertThat(read).isEqualTo(origin);
        assertThat(read.path()).isEqualTo("model/mödel <v2>.bin");
        assertThat(xml).doesNotContain("class=").containsOnlyOnce("<runId>run-1</runId>");
    }

    @Test
    public void shouldKeepAnUnknownSha256AsUnknown() {
        FileOrigin origin = new FileOrigin("run-1", "model.bin", null, "churn#1");

        FileOrigin read = PersistedXml.read(PersistedXml.write(origin), FileOrigin.class);

        assertThat(read.sha256()).isNull();
        assertThat(read).isEqualTo(origin);
    }

    @Test
    public void shouldRefuseAnOriginWithoutItsRun() {
        assertThatThrownBy(() -> new FileOrigin(null, "model.bin", null, "churn#1"))
                .isInstanceOf(NullPointerException.class).hasMessage("runId");
    }
}
