package dev.trustgate.application.fakes;

import dev.trustgate.application.port.out.IdGenerator;
import java.util.concurrent.atomic.AtomicLong;

/** Predictable ids: {@code prefix_1}, {@code prefix_2}, … */
public final class SequentialIds implements IdGenerator {

    private final AtomicLong counter = new AtomicLong();

    @Override
    public String newId(String prefix) {
        return prefix + "_" + counter.incrementAndGet();
    }
}
