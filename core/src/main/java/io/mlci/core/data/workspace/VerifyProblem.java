package io.mlci.core.data.workspace;

/** One thing {@code verify} found wrong: where, and what. */
public record VerifyProblem(String source, String path, String problem) {
}
