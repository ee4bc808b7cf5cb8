package io.mlci.core.data.lineage;

import java.time.Instant;

/** The commit that last changed a pointer: which version of the data a revision refers to. */
public record CommitInfo(String id, String author, String email, Instant authorTime, String subject) {

    public String shortId() {
        return id.substring(0, Math.min(10, id.length()));
    }
}
