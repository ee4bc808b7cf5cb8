package io.mlci.jenkins;

import hudson.AbortException;
import io.mlci.core.MlciException;

/**
 * Runs work on an agent and turns the core's own errors — a malformed pointer, a missing remote,
 * a wrong credential — into a build failure with the core's message and no stack trace. Anything
 * else is a bug or an infrastructure problem and keeps its stack trace.
 */
final class AgentCalls {

    interface Call<T> {
        T call() throws Exception;
    }

    private AgentCalls() {
    }

    static <T> T run(String step, Call<T> call) throws Exception {
        try {
            return call.call();
        } catch (Exception e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof MlciException) {
                    throw new AbortException(step + ": " + cause.getMessage());
                }
            }
            throw e;
        }
    }
}
