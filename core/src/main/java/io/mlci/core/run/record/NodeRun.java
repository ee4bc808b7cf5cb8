package io.mlci.core.run.record;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * One node (rank) of a training that spans several ({@code train.nodes}), in its last attempt.
 * Its whole output is in the run's log, every line prefixed with {@link #logPrefix}; the last lines
 * are kept here so a failed rank's error is readable from the record alone.
 *
 * @param rank      {@code RANK} the node ran with; rank 0 hosted the rendezvous
 * @param exitCode  its exit status (128+N after signal N)
 * @param ended     {@code exited}, {@code timed-out} or {@code killed} (stopped because another rank failed,
 *                  the timeout, or the build)
 * @param seconds   its wall time
 * @param logPrefix what starts each of its lines in the run's log ({@code mlci runs log ID})
 * @param logTail   its last lines of output, oldest first
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NodeRun(int rank, int exitCode, String ended, double seconds, String logPrefix, List<String> logTail) {

    public NodeRun {
        logTail = logTail == null ? List.of() : List.copyOf(logTail);
    }
}
