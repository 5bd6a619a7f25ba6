package dev.trustgate.application.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.port.out.ConcurrentUpdateException;
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

class TransactionScopeTest {

    /** A storage that keeps what each committed transaction wrote, in order, and refuses a transaction inside another. */
    static final class RecordingStorage implements Transactions {
        final List<List<String>> committed = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger begun = new AtomicInteger();
        private final ThreadLocal<List<String>> current = new ThreadLocal<>();

        @Override
        public synchronized <T> T inTransaction(Supplier<T> work) {
            if (current.get() != null) {
                throw new IllegalStateException("nested");
            }
            begun.incrementAndGet();
            current.set(new ArrayList<>());
            try {
                T result = work.get();
                committed.add(List.copyOf(current.get()));
                return result;
            } finally {
                current.remove();
            }
        }

        void write(String value) {
            if (current.get() == null) {
                throw new IllegalStateException("outside a transaction");
            }
            current.get().add(value);
        }
    }

    private static final Retry.BackOff NO_WAIT = new Retry.BackOff(8, Duration.ZERO, Duration.ZERO);

    private final RecordingStorage storage = new RecordingStorage();
    private final UseCaseTransactions composed = UseCaseTransactions.compose(storage, opened -> new Retry(opened, NO_WAIT),
            opened -> new Retry(new GroupCommit(opened, 1, 64), NO_WAIT));
    private final TransactionScope scope = composed.scope();

    @Test
    void aCallMadeWhileATransactionRunsJoinsIt() {
        String answer = composed.useCases().inTransaction(() -> {
            storage.write("outer");
            return composed.useCases().inTransaction(() -> {
                storage.write("inner");
                return "nested";
            });
        });

        assertThat(answer).isEqualTo("nested");
        assertThat(storage.committed).containsExactly(List.of("outer", "inner"));
    }

    @Test
    void aLostRaceInNestedWorkRunsTheOutermostWorkAgainFromItsStart() {
        AtomicInteger outer = new AtomicInteger();
        AtomicInteger inner = new AtomicInteger();

        composed.useCases().inTransaction(() -> {
            storage.write("outer " + outer.incrementAndGet());
            return composed.useCases().inTransaction(() -> {
                if (inner.incrementAndGet() == 1) {
                    throw new ConcurrentUpdateException("lost");
                }
                storage.write("inner " + inner.get());
                return null;
            });
        });

        assertThat(outer).hasValue(2);
        assertThat(storage.begun).hasValue(2);
        assertThat(storage.committed).containsExactly(List.of("outer 2", "inner 2"));
    }

    @Test
    void whatTheWorkLeavesToTheEndRunsAfterItInsideTheTransactionOncePerAttempt() {
        Object key = new Object();
        AtomicInteger attempts = new AtomicInteger();

        composed.useCases().inTransaction(() -> {
            int attempt = attempts.incrementAndGet();
            scope.untilTheEnd(key, ArrayList<String>::new, left -> storage.write("end of " + left)).orElseThrow().add("a" + attempt);
            storage.write("work " + attempt);
            composed.useCases().inTransaction(() -> {
                scope.untilTheEnd(key, ArrayList<String>::new, left -> storage.write("a second end")).orElseThrow().add("b" + attempt);
                return null;
            });
            if (attempt == 1) {
                throw new ConcurrentUpdateException("lost");
            }
            return null;
        });

        assertThat(storage.committed).containsExactly(List.of("work 2", "end of [a2, b2]"));
    }

    @Test
    void outsideATransactionNothingIsLeftToTheEnd() {
        assertThat(scope.untilTheEnd(new Object(), ArrayList::new, left -> { })).isEmpty();
    }

    @Test
    void aGroupCommitEndsItsBatchOnceAfterTheWorkOfEveryCallerInIt() throws Exception {
        Object key = new Object();
        int callers = 200;
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            String value = "w" + i;
            answers.add(pool.submit(() -> {
                go.await();
                return composed.webhookIntake().inTransaction(() -> {
                    storage.write(value);
                    // asked again from the writer's thread: joins the batch
                    composed.useCases().inTransaction(() -> {
                        scope.untilTheEnd(key, AtomicInteger::new, left -> storage.write("end " + left)).orElseThrow().incrementAndGet();
                        return null;
                    });
                    return value;
                });
            }));
        }
        go.countDown();
        for (int i = 0; i < callers; i++) {
            assertThat(answers.get(i).get()).isEqualTo("w" + i);
        }
        pool.shutdown();

        assertThat(storage.committed).hasSizeLessThan(callers).allSatisfy(transaction -> {
            int work = transaction.size() - 1;
            assertThat(transaction.subList(0, work)).allMatch(v -> v.startsWith("w"));
            assertThat(transaction.get(work)).isEqualTo("end " + work);
        });
        assertThat(storage.committed.stream().mapToInt(t -> t.size() - 1).sum()).isEqualTo(callers);
    }

    @Test
    void aTransactionOpenedTwiceOnOneThreadIsAMistakeNotAJoin() {
        Transactions opened = scope.opening(storage);
        Transactions twice = scope.opening(new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return work.get();
            }
        });

        assertThatThrownBy(() -> opened.inTransaction(() -> twice.inTransaction(() -> "x")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TransactionScope.joining");
        assertThat(storage.committed).isEmpty();
    }
}
