package io.mlci.core.run.lease;

/**
 * What a lease blob holds: who trains a run key, since when, and how fresh the claim is.
 *
 * @param runKey     the run key leased
 * @param attempt    1 for the first claim, one more for each takeover of an expired lease
 * @param runId      the run the holder records when it finishes
 * @param owner      the holding mlci process
 * @param acquiredAt when the holder took the lease (holder's clock)
 * @param renewedAt  when it last renewed it (holder's clock)
 * @param ttlSeconds how long the lease lasts without a renewal
 */
public record LeaseRecord(String runKey, int attempt, String runId, ProcessOwner owner, String acquiredAt,
                          String renewedAt, long ttlSeconds) {

    LeaseRecord renewed(String now) {
        return new LeaseRecord(runKey, attempt, runId, owner, acquiredAt, now, ttlSeconds);
    }

    /** "run 20261205-... (pid 4711 on agent-7, since 2026-12-05T19:20:00Z)". */
    String describe() {
        return "run " + runId + " (" + (owner != null ? owner.describe() + ", " : "") + "since " + acquiredAt + ")";
    }
}
