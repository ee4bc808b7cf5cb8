package io.mlci.core.sweep;

import io.mlci.core.run.store.RunStore;
import io.mlci.core.storage.BlobNotFoundException;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The early-stop metric's history as a run's stored console log shows it. A trial reused from an
 * identical earlier run trains nothing, yet it finished: its history is read from the log of the
 * run that trained, so the trials that do train are still held to the median it belongs in.
 */
final class LoggedHistory {

    /** Read no further: step lines sit among whatever else a long training prints. */
    static final long MAX_LOG_BYTES = 64L << 20;

    private LoggedHistory() {
    }

    /** The metric's value per step in the run's log; empty when the run has no log or never printed the metric. */
    static NavigableMap<Long, Double> of(RunStore store, String runId, String metric) {
        NavigableMap<Long, Double> history = new TreeMap<>();
        try (InputStream log = store.openLog(runId);
             BufferedReader lines = new BufferedReader(new InputStreamReader(new Capped(log, MAX_LOG_BYTES),
                     StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                StepMetrics.parse(line).filter(point -> point.values().containsKey(metric))
                        .ifPresent(point -> history.put(point.step(), point.values().get(metric)));
            }
        } catch (BlobNotFoundException e) {
            return new TreeMap<>();
        } catch (IOException e) {
            // a log cut short still tells the steps read so far
        }
        return history;
    }

    /** Ends the stream after {@code limit} bytes, so a log of one endless line costs no more than that. */
    private static final class Capped extends FilterInputStream {
        private long left;

        Capped(InputStream in, long limit) {
            super(in);
            left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            left -= b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, left));
            left -= Math.max(n, 0);
            return n;
        }
    }
}
