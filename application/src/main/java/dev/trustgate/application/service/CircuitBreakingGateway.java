package dev.trustgate.application.service;

import dev.trustgate.application.port.out.WhatsAppGateway;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.WaId;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A circuit breaker in front of any WhatsApp provider. After {@code failureThreshold} sends in a row that
 * WhatsApp failed (no answer, a timeout, 429 or 5xx) the circuit opens: sends are answered at once as not
 * sent (nothing leaves, nothing waits for a timeout) for {@code openFor}. Then one trial send goes through;
 * if WhatsApp answers it properly the circuit closes, otherwise it opens again. The identity-check setting
 * and identity confirmations are not affected (they are rare, idempotent and retried by the client or the
 * outbox). Every change of state is told to a listener (the server logs it).
 */
public final class CircuitBreakingGateway implements WhatsAppGateway {

    /** When the circuit opens, and for how long. */
    public record Settings(int failureThreshold, Duration openFor) {
        public static final Settings DEFAULT = new Settings(5, Duration.ofSeconds(10));

        public Settings {
            if (failureThreshold < 1) {
                throw new IllegalArgumentException("the failure threshold must be at least 1");
            }
            if (openFor == null || openFor.isNegative() || openFor.isZero()) {
                throw new IllegalArgumentException("the open time must be positive");
            }
        }
    }

    /** Where the circuit stands. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final WhatsAppGateway delegate;
    private final Settings settings;
    private final LongSupplier nanoTime;
    private final Consumer<State> onChange;
    private State state = State.CLOSED;
    private int failures;
    private long openedAt;
    private boolean trialInFlight;

    /** @param onChange told of every change of state: {@code OPEN} when it opens, {@code CLOSED} when it closes again */
    public CircuitBreakingGateway(WhatsAppGateway delegate, Settings settings, Consumer<State> onChange) {
        this(delegate, settings, System::nanoTime, onChange);
    }

    CircuitBreakingGateway(WhatsAppGateway delegate, Settings settings, LongSupplier nanoTime, Consumer<State> onChange) {
        this.delegate = delegate;
        this.settings = settings;
        this.nanoTime = nanoTime;
        this.onChange = onChange;
    }

    @Override
    public Capabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public Optional<String> unsupportedMessageType(String messageJson) {
        return delegate.unsupportedMessageType(messageJson);
    }

    @Override
    public SendOutcome send(BusinessNumberId from, Recipient to, String messageJson, Optional<IdentityHash> pin) {
        if (!admit()) {
            return new SendOutcome.Unavailable("WhatsApp failed " + settings.failureThreshold()
                    + " sends in a row; trustgate is not sending for up to " + settings.openFor().toSeconds()
                    + " s (circuit open)", false, false);
        }
        SendOutcome outcome;
        try {
            outcome = delegate.send(from, to, messageJson, pin);
        } catch (RuntimeException e) {
            record(false);
            throw e;
        }
        record(!failed(outcome));
        return outcome;
    }

    /** Read receipts carry nothing a customer could be harmed by: they pass to the client, outside the breaker. */
    @Override
    public ReadOutcome markRead(BusinessNumberId from, String requestJson) {
        return delegate.markRead(from, requestJson);
    }

    @Override
    public SettingOutcome setIdentityChecks(BusinessNumberId business, boolean enabled) {
        return delegate.setIdentityChecks(business, enabled);
    }

    @Override
    public ConfirmOutcome confirmIdentity(BusinessNumberId business, WaId customer, IdentityHash hash) {
        return delegate.confirmIdentity(business, customer, hash);
    }

    /** The failures in a row that open the circuit, and how long it stays open. */
    public Settings settings() {
        return settings;
    }

    public synchronized State state() {
        if (state == State.OPEN && elapsed()) {
            return State.HALF_OPEN;
        }
        return state;
    }

    private synchronized boolean admit() {
        if (state == State.CLOSED) {
            return true;
        }
        if (state == State.OPEN && elapsed()) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        if (state == State.HALF_OPEN && !trialInFlight) {
            trialInFlight = true;
            return true;
        }
        return false;
    }

    private synchronized void record(boolean success) {
        if (success) {
            boolean reopened = state != State.CLOSED;
            state = State.CLOSED;
            failures = 0;
            trialInFlight = false;
            if (reopened) {
                onChange.accept(State.CLOSED);
            }
            return;
        }
        failures++;
        if (state == State.HALF_OPEN || failures >= settings.failureThreshold()) {
            boolean opened = state != State.OPEN;
            state = State.OPEN;
            openedAt = nanoTime.getAsLong();
            trialInFlight = false;
            if (opened) {
                onChange.accept(State.OPEN);
            }
        }
    }

    private boolean elapsed() {
        return nanoTime.getAsLong() - openedAt >= settings.openFor().toNanos();
    }

    /** No answer, a timeout, or an answer that says WhatsApp itself is in trouble or overloaded. */
    private static boolean failed(SendOutcome outcome) {
        return outcome.fold(sent -> false, refused -> refused.status() == 429 || refused.status() >= 500, unavailable -> true);
    }
}
