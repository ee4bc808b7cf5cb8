package io.mlci.core.run;

import io.mlci.core.config.MlciConfig;
import io.mlci.core.run.exec.Executor;
import io.mlci.core.run.key.RunInputs;
import io.mlci.core.run.key.RunKey;
import io.mlci.core.run.params.Params;
import io.mlci.core.run.record.DataInput;
import io.mlci.core.run.record.SourceInfo;

import java.util.List;

/**
 * A training about to start: everything that determines it, collected and hashed.
 *
 * @param imageDigest the image's digest, null without an image or when it cannot be known
 * @param imagePull   how long pulling (when missing) and inspecting the image took; null without an image
 */
record PreparedRun(MlciConfig config, SourceInfo source, Params params, List<DataInput> data, RunInputs inputs,
                   RunKey key, Executor executor, String imageDigest,
                   java.time.Duration imagePull) {
}
