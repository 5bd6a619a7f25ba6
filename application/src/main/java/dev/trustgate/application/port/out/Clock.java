package dev.trustgate.application.port.out;

import java.time.Instant;

/** The time, so that use cases and tests agree on it. */
public interface Clock {

    Instant now();
}
