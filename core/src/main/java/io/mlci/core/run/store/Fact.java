package io.mlci.core.run.store;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Something learnt about a run after it was recorded — a gate verdict, a promotion. Facts are
 * appended, never edited; the newest of a kind is the current one.
 *
 * @param runId     the run it is about
 * @param kind      e.g. {@code gate}
 * @param createdAt ISO-8601 instant
 * @param body      the fact itself
 */
public record Fact(String runId, String kind, String createdAt, JsonNode body) {
}
