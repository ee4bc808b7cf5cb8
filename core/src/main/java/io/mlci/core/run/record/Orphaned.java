package io.mlci.core.run.record;

/**
 * How a run that its own mlci never recorded came to be recorded: its mlci process stopped
 * without a word (SIGKILL, the out-of-memory killer, a lost agent) and a later run on the same
 * workspace found its scratch directory with its owner gone, and recorded it as killed so that
 * the time it trained is not lost without a trace.
 *
 * @param owner       the mlci process that ran it, e.g. "pid 4711 on agent-7"
 * @param lastSeenAt  the last sign of life: the newest write into its scratch directory (its log,
 *                    or the heartbeat mlci keeps there)
 * @param foundAt     when the later run found it
 * @param foundBy     the later run
 * @param outputsKept always false: whatever the training wrote was not checked, cached or uploaded
 */
public record Orphaned(String owner, String lastSeenAt, String foundAt, String foundBy, boolean outputsKept) {
}
