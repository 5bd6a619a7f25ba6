package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.out.ConcurrentUpdateException;
import dev.trustgate.application.port.out.Transactions;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RetryTest {

    private static final Transactions DIRECT = new Transactions() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return work.get();
        }
    };

    @Test
    void aLostRaceIsRetriedFromTheStart() {
        AtomicInteger attempts = new AtomicInteger();

        String result = new Retry(DIRECT, 3).inTransaction(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new ConcurrentUpdateException("lost");
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void retriesAreBoundedAndEndInAConflict() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> new Retry(DIRECT, 4).inTransaction(() -> {
            attempts.incrementAndGet();
            throw new ConcurrentUpdateException("always");
        })).isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(attempts).hasValue(4);
    }
}
