package dev.trustgate.application.fakes;

import dev.trustgate.application.port.out.Clock;
import java.time.Duration;
import java.time.Instant;

/** A clock tests move by hand. */
public final class MutableClock implements Clock {

    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant now() {
        return now;
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }

    public void set(Instant at) {
        now = at;
    }
}
