package io.mlci.core.testing;

import io.mlci.core.run.record.OutputFile;
import io.mlci.core.run.record.RunIds;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.RunStatus;
import io.mlci.core.run.record.SourceInfo;

import java.time.Instant;
import java.util.List;

/** Run records with chosen ids, branches, commits and keys, for store tests. */
public final class TestRuns {

    public static final String KEY_A = "a".repeat(64);
    public static final String KEY_B = "b".repeat(64);

    private TestRuns() {
    }

    /** A run whose id sorts at {@code secondsAfterEpoch}. */
    public static RunRecord record(long secondsAfterEpoch, RunStatus status, String branch, String commit, String key) {
        String id = RunIds.next(Instant.ofEpochSecond(1_790_000_000L + secondsAfterEpoch));
        RunRecord.Builder builder = RunRecord.builder(id, key, new SourceInfo("repo", commit, false, branch, null, null, null))
                .status(status).times("2026-11-23T00:00:00Z", "2026-11-23T00:01:00Z", 60).exit(0, 1)
                .execution("python train.py", null, null, null);
        if (status == RunStatus.REUSED) {
            builder.reusedFrom("20261123-000000-000-00000000");
        }
        if (status.hasOutputs()) {
            builder.outputs(List.of(new OutputFile("model.pt", "d41d8cd98f00b204e9800998ecf8427e",
                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 0, 1, List.of())));
        }
        return builder.build();
    }
}
