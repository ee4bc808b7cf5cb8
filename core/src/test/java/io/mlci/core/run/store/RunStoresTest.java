package io.mlci.core.run.store;

import org.junit.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

public class RunStoresTest {

    private static final Map<String, String> CI = Map.of(RunStores.STORE_VARIABLE, "s3://ci-wide/runs");

    @Test
    public void shouldPreferTheGivenStoreThenMlciYamlsThenTheCiServersThenTheRepository() {
        assertThat(RunStores.locate("/tmp/given", "s3://team/runs", CI)).isEqualTo("/tmp/given");
        assertThat(RunStores.locate(null, "s3://team/runs", CI)).isEqualTo("s3://team/runs");
        assertThat(RunStores.locate(null, null, CI)).isEqualTo("s3://ci-wide/runs");
        assertThat(RunStores.locate(" ", "", Map.of(RunStores.STORE_VARIABLE, ""))).isNull();
    }
}
