package dev.trustgate.application.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A caller of a grouped transaction that is interrupted while its work waits for the writer is answered
 * {@code storage_unavailable} ("nothing was changed"), yet its work still runs and commits afterwards. With sends
 * grouped on H2 that work is a send's decision, a hold, or a release (the held message marked released, never
 * forwarded, since the caller dropped the forwarding step).
 */
class GroupCommitInterruptedCallerTest {

    @Test
    void anInterruptedCallersWorkNeverCommitsAfterItWasToldItFailed() throws Exception {
        GroupCommitTest.CountingTransactions storage = new GroupCommitTest.CountingTransactions();
        GroupCommit group = new GroupCommit(storage, 1, 64);
        CountDownLatch writerBusy = new CountDownLatch(1);
        CountDownLatch letWriterGo = new CountDownLatch(1);

        // the one writer is busy with an earlier batch
        Thread earlier = new Thread(() -> group.inTransaction(() -> {
            writerBusy.countDown();
            try {
                letWriterGo.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            storage.write("earlier");
            return null;
        }));
        earlier.start();
        assertThat(writerBusy.await(30, TimeUnit.SECONDS)).isTrue();

        // a release queues behind it, and its request thread is interrupted (server stop, request timeout)
        AtomicReference<Throwable> answered = new AtomicReference<>();
        Thread release = new Thread(() -> {
            try {
                group.inTransaction(() -> {
                    storage.write("held message released");
                    return null;
                });
            } catch (Throwable t) {
                answered.set(t);
            }
        });
        release.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (release.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        release.interrupt();
        release.join(30_000);
        assertThat(answered.get()).isInstanceOf(TrustgateException.class)
                .satisfies(t -> assertThat(((TrustgateException) t).code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));

        letWriterGo.countDown();
        earlier.join(30_000);

        // a later transaction, queued after the interrupted one: once it committed, the writer is past it
        group.inTransaction(() -> {
            storage.write("later");
            return null;
        });

        // the caller was told its transaction failed ("nothing was changed"); nothing of it may have committed
        assertThat(storage.committed()).contains("earlier", "later").doesNotContain("held message released");
    }
}
