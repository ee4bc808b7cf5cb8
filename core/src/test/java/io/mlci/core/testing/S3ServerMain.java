package io.mlci.core.testing;

import java.nio.file.Path;

/**
 * Runs the test S3 server as a process of its own, for benchmarks that compare mlci with other
 * S3 clients against the same server. Arguments: data directory, bucket. Prints
 * {@code READY <endpoint>} once it accepts requests and serves until killed.
 */
public final class S3ServerMain {

    private S3ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        S3TestServer server = S3TestServer.start(Path.of(args[0]));
        server.createBucket(args[1]);
        System.out.println("READY " + server.endpoint());
        System.out.flush();
        Thread.currentThread().join();
    }
}
