package io.mlci.core.data.hash;

import org.junit.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

public class CpuShareTest {

    /** A thread that digests one small file: counts itself in, notes that it got through, counts out. */
    private static Thread smallDigest(CpuShare share, AtomicBoolean through) {
        Thread thread = new Thread(() -> {
            boolean counted = share.enterSmall();
            through.set(true);
            if (counted) {
                share.exitSmall();
            }
        });
        thread.start();
        return thread;
    }

    private static void awaitWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(thread.getState()).isEqualTo(Thread.State.WAITING);
    }

    @Test
    public void shouldLeaveABigFileACoreWhileItIsDigested() throws Exception {
        CpuShare share = new CpuShare(2);
        assertThat(share.enterSmall()).as("without a big file nothing is counted").isFalse();

        share.bigStarted();
        assertThat(share.enterSmall()).as("the core the big file leaves").isTrue();
        AtomicBoolean secondThrough = new AtomicBoolean();
        Thread second = smallDigest(share, secondThrough);
        awaitWaiting(second);
        assertThat(secondThrough).isFalse();

        share.exitSmall();
        second.join(10_000);
        assertThat(secondThrough).as("the first small digest is done: the next one runs").isTrue();
    }

    @Test
    public void shouldReleaseEveryWaitingDigestWhenTheBigFileIsDone() throws Exception {
        CpuShare share = new CpuShare(1);
        share.bigStarted();
        assertThat(share.enterSmall()).as("at least one small digest runs, even on one core").isTrue();
        AtomicBoolean through = new AtomicBoolean();
        Thread waiting = smallDigest(share, through);
        awaitWaiting(waiting);

        share.bigDone();
        waiting.join(10_000);
        assertThat(through).isTrue();
        share.exitSmall();
        assertThat(share.enterSmall()).isFalse();
    }
}
