package io.mlci.core.run.store;

import io.mlci.core.run.record.RunStatus;

/** A run found by listing keys: its id and, when the index says, its status. */
public record RunRef(String id, RunStatus status) {
}
