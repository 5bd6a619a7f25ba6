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
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryTest {

    private static final Transactions DIRECT = new Transactions() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return work.get();
        }
    };

    /** The waits asked for, instead of sleeping. */
    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private final Retry.Sleeper sleeper = waits::add;
    private static final DoubleSupplier HIGHEST = () -> Math.nextDown(1.0);

    private Retry retry(int attempts, DoubleSupplier jitter) {
        return new Retry(DIRECT, new Retry.BackOff(attempts, Duration.ofMillis(1), Duration.ofMillis(50)), sleeper, jitter);
    }

    private static Supplier<String> losing(AtomicInteger attempts, int times) {
        return () -> {
            if (attempts.incrementAndGet() <= times) {
                throw new ConcurrentUpdateException("lost");
            }
            return "done";
        };
    }

    @Test
    void aLostRaceIsRetriedFromTheStart() {
        AtomicInteger attempts = new AtomicInteger();

        String result = retry(3, HIGHEST).inTransaction(losing(attempts, 2));

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void retriesAreBoundedAndEndInAConflict() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retry(4, HIGHEST).inTransaction(losing(attempts, Integer.MAX_VALUE)))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(attempts).hasValue(4);
        assertThat(waits).as("no wait after the last attempt").hasSize(3);
    }

    @Test
    void aFirstAttemptThatCommitsNeverWaits() {
        assertThat(retry(8, HIGHEST).inTransaction(() -> "done")).isEqualTo("done");

        assertThat(waits).isEmpty();
    }

    @Test
    void theLongestWaitDoublesAfterEachLostRaceUpToItsCap() {
        assertThatThrownBy(() -> retry(9, HIGHEST).inTransaction(losing(new AtomicInteger(), Integer.MAX_VALUE)))
                .isInstanceOf(TrustgateException.class);

        assertThat(waits).extracting(w -> Math.round(w.toNanos() / 1e6))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 50L, 50L);
    }

    @Test
    void eachWaitIsJitteredBetweenNothingAndItsCeiling() {
        Iterator<Double> draws = List.of(0.0, 0.5, 0.25).iterator();

        retry(4, draws::next).inTransaction(losing(new AtomicInteger(), 3));

        assertThat(waits).containsExactly(Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(1));
    }

    @Test
    void randomJitterStaysWithinTheCeilings() {
        Retry random = retry(8, () -> ThreadLocalRandom.current().nextDouble());
        IntStream.range(0, 50).forEach(i -> random.inTransaction(losing(new AtomicInteger(), 7)));

        List<Long> ceilings = List.of(1L, 2L, 4L, 8L, 16L, 32L, 50L);
        for (int i = 0; i < waits.size(); i++) {
            assertThat(waits.get(i)).isBetween(Duration.ZERO, Duration.ofMillis(ceilings.get(i % ceilings.size())));
        }
        assertThat(waits).hasSize(50 * 7);
        assertThat(new HashSet<>(waits)).as("jittered, not one fixed wait per attempt").hasSizeGreaterThan(300);
    }

    @Test
    void storageTroubleIsNotRetriedAndAnswersStorageUnavailable() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retry(8, HIGHEST).inTransaction(() -> {
            attempts.incrementAndGet();
            throw new StorageUnavailableException("down", new RuntimeException());
        })).isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));
        assertThat(attempts).hasValue(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void otherFailuresReachTheCallerAtOnce() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retry(8, HIGHEST).inTransaction(() -> {
            attempts.incrementAndGet();
            throw new IllegalArgumentException("bad");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void anInterruptedWaitEndsTheRetriesAsAConflictAndKeepsTheInterrupt() {
        AtomicInteger attempts = new AtomicInteger();
        Retry interrupted = new Retry(DIRECT, new Retry.BackOff(8, Duration.ofMillis(1), Duration.ofMillis(50)), wait -> {
            throw new InterruptedException();
        }, HIGHEST);

        try {
            assertThatThrownBy(() -> interrupted.inTransaction(losing(attempts, Integer.MAX_VALUE)))
                    .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
            assertThat(attempts).hasValue(1);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aBackOffNeedsAnAttemptAndOrderedWaits() {
        assertThatThrownBy(() -> new Retry.BackOff(0, Duration.ofMillis(1), Duration.ofMillis(50)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Retry.BackOff(3, Duration.ofMillis(10), Duration.ofMillis(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Retry.BackOff(3, Duration.ofMillis(-1), Duration.ofMillis(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
