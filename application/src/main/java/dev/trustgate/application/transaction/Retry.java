package dev.trustgate.application.transaction;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.out.ConcurrentUpdateException;
import dev.trustgate.application.port.out.StorageUnavailableException;
import dev.trustgate.application.port.out.Transactions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Decorator: runs a use case's transaction, retrying the whole of it a bounded number of times when it
 * lost a race, and turns storage failures into the API's {@code storage_unavailable}. Between attempts it
 * backs off exponentially with full jitter, so transactions that collided do not collide again at once.
 * It never sees a nested call: {@link TransactionScope#joining} runs those in the transaction already
 * running, so a lost race always retries the outermost work from its start.
 */
public final class Retry implements Transactions {

    /**
     * How many attempts, and how long to wait between them: after the n-th lost race at most
     * {@code first × 2^(n-1)}, never more than {@code longest}, a random part of it.
     */
    public record BackOff(int attempts, Duration first, Duration longest) {

        /** Eight attempts; the waits add up to about 60 ms on average at worst. */
        public static final BackOff DEFAULT = new BackOff(8, Duration.ofMillis(1), Duration.ofMillis(50));

        public BackOff {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1");
            }
            if (first.isNegative() || longest.compareTo(first) < 0) {
                throw new IllegalArgumentException("waits must be 0 <= first <= longest");
            }
        }

        /** The default waits with {@code attempts} attempts. */
        public static BackOff attempts(int attempts) {
            return new BackOff(attempts, DEFAULT.first, DEFAULT.longest);
        }

        /** The longest wait after {@code lost} lost races. */
        Duration ceiling(int lost) {
            Duration ceiling = first;
            for (int i = 1; i < lost && ceiling.compareTo(longest) < 0; i++) {
                ceiling = ceiling.multipliedBy(2);
            }
            return ceiling.compareTo(longest) < 0 ? ceiling : longest;
        }
    }

    /** Waits between attempts; tests replace it so they never sleep. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper THREAD = wait -> TimeUnit.NANOSECONDS.sleep(wait.toNanos());

        void sleep(Duration wait) throws InterruptedException;
    }

    private final Transactions transactions;
    private final BackOff backOff;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;

    /**
     * @param jitter draws in [0, 1): the part of each wait's ceiling actually waited
     */
    public Retry(Transactions transactions, BackOff backOff, Sleeper sleeper, DoubleSupplier jitter) {
        this.transactions = transactions;
        this.backOff = backOff;
        this.sleeper = sleeper;
        this.jitter = jitter;
    }

    public Retry(Transactions transactions, BackOff backOff) {
        this(transactions, backOff, Sleeper.THREAD, () -> ThreadLocalRandom.current().nextDouble());
    }

    public Retry(Transactions transactions, int attempts) {
        this(transactions, BackOff.attempts(attempts));
    }

    public Retry(Transactions transactions) {
        this(transactions, BackOff.DEFAULT);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.inTransaction(work);
            } catch (ConcurrentUpdateException e) {
                if (attempt >= backOff.attempts()) {
                    throw conflict(e);
                }
                try {
                    sleeper.sleep(wait(attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw conflict(e);
                }
            } catch (StorageUnavailableException e) {
                throw new TrustgateException(ErrorCode.STORAGE_UNAVAILABLE, "storage is unavailable; nothing was changed", Map.of(), e);
            }
        }
    }

    private Duration wait(int lost) {
        return Duration.ofNanos((long) (backOff.ceiling(lost).toNanos() * jitter.getAsDouble()));
    }

    private static TrustgateException conflict(ConcurrentUpdateException e) {
        return new TrustgateException(ErrorCode.CONFLICT, "the record kept changing while this request was applied; try again",
                Map.of(), e);
    }
}
