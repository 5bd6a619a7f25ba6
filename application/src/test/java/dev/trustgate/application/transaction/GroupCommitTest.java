package dev.trustgate.application.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.out.ConcurrentUpdateException;
import dev.trustgate.application.port.out.StorageUnavailableException;
import dev.trustgate.application.port.out.Transactions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    /** Counts transactions and what each committed; a transaction whose work throws commits nothing. */
    static final class CountingTransactions implements Transactions {
        final AtomicInteger transactions = new AtomicInteger();
        final List<Integer> committedSizes = Collections.synchronizedList(new ArrayList<>());
        final ThreadLocal<List<String>> current = new ThreadLocal<>();
        private final List<String> committed = new ArrayList<>();

        @Override
        public synchronized <T> T inTransaction(Supplier<T> work) {
            transactions.incrementAndGet();
            current.set(new ArrayList<>());
            try {
                T result = work.get();
                committed.addAll(current.get());
                committedSizes.add(current.get().size());
                return result;
            } finally {
                current.remove();
            }
        }

        void write(String value) {
            current.get().add(value);
        }

        /** What has committed so far (a copy: writers keep committing). */
        synchronized List<String> committed() {
            return List.copyOf(committed);
        }
    }

    private final CountingTransactions storage = new CountingTransactions();
    private final GroupCommit group = new GroupCommit(storage, 1, 64);

    @Test
    void concurrentCallersShareCommitsAndEachGetsItsOwnResultAfterIt() throws Exception {
        int callers = 200;
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            String value = "w" + i;
            answers.add(pool.submit(() -> {
                go.await();
                return group.inTransaction(() -> {
                    storage.write(value);
                    return value;
                });
            }));
        }
        go.countDown();
        for (int i = 0; i < callers; i++) {
            String answer = answers.get(i).get();
            assertThat(answer).isEqualTo("w" + i);
            assertThat(storage.committed()).as("answered only after its commit").contains(answer);
        }
        pool.shutdown();
        assertThat(storage.committed()).hasSize(callers).doesNotHaveDuplicates();
        assertThat(storage.transactions.get()).as("fewer commits than callers").isLessThan(callers);
    }

    @Test
    void aFailingTransactionFailsAloneAndItsNeighboursCommit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String value = "w" + i;
            boolean bad = i % 10 == 3;
            answers.add(pool.submit(() -> {
                go.await();
                return group.inTransaction(() -> {
                    storage.write(value);
                    if (bad) {
                        throw new IllegalArgumentException("bad " + value);
                    }
                    return value;
                });
            }));
        }
        go.countDown();
        for (int i = 0; i < 40; i++) {
            Future<String> answer = answers.get(i);
            if (i % 10 == 3) {
                assertThatThrownBy(answer::get).hasCauseInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad w" + i);
            } else {
                assertThat(answer.get()).isEqualTo("w" + i);
            }
        }
        pool.shutdown();
        assertThat(storage.committed()).hasSize(36).noneMatch(v -> v.equals("w3") || v.equals("w13"));
    }

    @Test
    void workThatAsksForATransactionAgainJoinsTheOneItRunsIn() {
        UseCaseTransactions composed = UseCaseTransactions.compose(storage, Retry::new,
                opened -> new Retry(new GroupCommit(opened, 1, 64)));

        String answer = composed.webhookIntake().inTransaction(() -> {
            storage.write("outer");
            composed.useCases().inTransaction(() -> {
                storage.write("other composition");
                return null;
            });
            return composed.webhookIntake().inTransaction(() -> {
                storage.write("inner");
                return "nested";
            });
        });

        assertThat(answer).isEqualTo("nested");
        assertThat(storage.committed()).containsExactly("outer", "other composition", "inner");
        assertThat(storage.transactions.get()).isEqualTo(1);
    }

    @Test
    void aWriterAskedForATransactionByTheWorkItRunsRefusesInsteadOfWaitingForItself() {
        assertThatThrownBy(() -> group.inTransaction(() -> group.inTransaction(() -> "nested")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TransactionScope.joining");
    }

    @Test
    void aLostRaceInABatchIsRunAgainForItsCallerAndTheOthersCommit() throws Exception {
        Transactions retried = new Retry(group, new Retry.BackOff(8, Duration.ZERO, Duration.ZERO));
        AtomicInteger losses = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String value = "w" + i;
            boolean losesTwice = i == 7;
            answers.add(pool.submit(() -> {
                go.await();
                return retried.inTransaction(() -> {
                    storage.write(value);
                    if (losesTwice && losses.getAndIncrement() < 2) {
                        throw new ConcurrentUpdateException("lost");
                    }
                    return value;
                });
            }));
        }
        go.countDown();
        for (int i = 0; i < 40; i++) {
            assertThat(answers.get(i).get()).isEqualTo("w" + i);
        }
        pool.shutdown();
        assertThat(storage.committed()).hasSize(40).doesNotHaveDuplicates();
    }

    @Test
    void storageTroubleReachesTheCallerAsStorageUnavailable() {
        Transactions failing = new Retry(new GroupCommit(new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                throw new StorageUnavailableException("down", new RuntimeException());
            }
        }, 1, 8));

        assertThatThrownBy(() -> failing.inTransaction(() -> "x")).isInstanceOfSatisfying(TrustgateException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));
    }

    @Test
    void whenStorageFailsUnderABatchEveryTransactionInItFailsAtOnceInsteadOfWaitingForItAgainAlone() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch writerBusy = new CountDownLatch(1);
        CountDownLatch queued = new CountDownLatch(1);
        GroupCommit down = new GroupCommit(new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                if (attempts.incrementAndGet() == 1) {
                    writerBusy.countDown();
                    try {
                        queued.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                // each attempt waits out the pool's connection timeout before this, in production
                throw new StorageUnavailableException("no database connection", new RuntimeException());
            }
        }, 1, 64);
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            Future<?> first = pool.submit(() -> down.inTransaction(() -> "first"));
            writerBusy.await();
            List<Future<String>> batch = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String value = "w" + i;
                batch.add(pool.submit(() -> down.inTransaction(() -> value)));
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> down.waiting() == 8);
            queued.countDown();
            for (Future<String> each : batch) {
                assertThatThrownBy(each::get).hasCauseInstanceOf(StorageUnavailableException.class);
            }
            assertThatThrownBy(first::get).hasCauseInstanceOf(StorageUnavailableException.class);
        } finally {
            pool.shutdownNow();
        }
        assertThat(attempts.get()).as("the first alone, then the eight waiting in one batch").isEqualTo(2);
    }
}
