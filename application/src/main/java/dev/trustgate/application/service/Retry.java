package dev.trustgate.application.service;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.out.ConcurrentUpdateException;
import dev.trustgate.application.port.out.StorageUnavailableException;
import dev.trustgate.application.port.out.Transactions;
import java.util.function.Supplier;

/**
 * Runs a use case's transaction, retrying the whole of it a bounded number of times when it lost a
 * race, and turns storage failures into the API's {@code storage_unavailable}.
 */
public final class Retry implements Transactional {

    public static final int DEFAULT_ATTEMPTS = 8;

    private final Transactions transactions;
    private final int attempts;

    public Retry(Transactions transactions, int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.transactions = transactions;
        this.attempts = attempts;
    }

    public Retry(Transactions transactions) {
        this(transactions, DEFAULT_ATTEMPTS);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.inTransaction(work);
            } catch (ConcurrentUpdateException e) {
                if (attempt >= attempts) {
                    throw new TrustgateException(ErrorCode.CONFLICT,
                            "the record kept changing while this request was applied; try again", java.util.Map.of(), e);
                }
                Thread.onSpinWait();
            } catch (StorageUnavailableException e) {
                throw new TrustgateException(ErrorCode.STORAGE_UNAVAILABLE, "storage is unavailable; nothing was changed",
                        java.util.Map.of(), e);
            }
        }
    }
}
