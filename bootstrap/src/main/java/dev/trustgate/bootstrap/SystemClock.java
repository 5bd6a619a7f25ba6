package dev.trustgate.bootstrap;

import dev.trustgate.application.port.out.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The wall clock, to the microsecond (what both databases store, so audit hashes survive a round trip). */
final class SystemClock implements Clock {

    @Override
    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
