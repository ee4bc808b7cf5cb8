package io.mlci.core.progress;

/**
 * Receives progress of long operations (hashing, transfers, checkout). Implementations must be
 * thread-safe: parallel workers report concurrently. The CLI prints it, the Jenkins plugin
 * forwards it to the build log.
 */
public interface ProgressListener {

    /** A phase starts; totals may be -1 when unknown. */
    void begin(String phase, long totalItems, long totalBytes);

    /** Some items (files, objects) and bytes of the current phase are done. */
    void advance(long items, long bytes);

    /** The current phase is over. */
    void end();

    /** A one-line notice for the user (a retry, a repaired object, a fallback). */
    void note(String message);

    ProgressListener NONE = new ProgressListener() {
        @Override
        public void begin(String phase, long totalItems, long totalBytes) {
        }

        @Override
        public void advance(long items, long bytes) {
        }

        @Override
        public void end() {
        }

        @Override
        public void note(String message) {
        }
    };
}
