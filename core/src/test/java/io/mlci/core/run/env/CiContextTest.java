package io.mlci.core.run.env;

import org.junit.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

public class CiContextTest {

    @Test
    public void shouldReadAPullRequestBuildOfAMultibranchPipeline() {
        CiContext ci = CiContext.from(Map.of("BRANCH_NAME", "PR-12", "CHANGE_ID", "12", "CHANGE_BRANCH", "feature/lr",
                "CHANGE_TARGET", "main", "BUILD_URL", "https://ci/job/x/PR-12/3/"));

        assertThat(ci).isEqualTo(new CiContext("feature/lr", "main", "12", "https://ci/job/x/PR-12/3/"));
    }

    @Test
    public void shouldReadABranchBuild() {
        assertThat(CiContext.from(Map.of("BRANCH_NAME", "main")).branch()).isEqualTo("main");
        assertThat(CiContext.from(Map.of("GIT_BRANCH", "origin/release/1.0")).branch()).isEqualTo("release/1.0");
        assertThat(CiContext.from(Map.of("GIT_BRANCH", "refs/heads/main")).branch()).isEqualTo("main");
        assertThat(CiContext.from(Map.of("MLCI_BRANCH", "exp", "BRANCH_NAME", "main")).branch()).isEqualTo("exp");
        assertThat(CiContext.from(Map.of())).isEqualTo(new CiContext(null, null, null, null));
    }
}
