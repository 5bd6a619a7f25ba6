package dev.trustgate.application.port.in;

import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.Optional;

/**
 * A mobile operator's notice about a SIM-swap subscription trustgate holds (CAMARA SIM Swap Subscriptions,
 * CloudEvents 1.0): a SIM swap of the watched number, acted on by the business number's {@code SimSwapPolicy}, or a
 * change of the subscription itself, recorded. Idempotent by the notice's source and id; a SIM swap no later than the
 * last one applied to the customer changes nothing. Commits before it returns.
 */
public interface RecordSimSwapNoticeUseCase {

    /**
     * @throws dev.trustgate.application.TrustgateException not_found when trustgate holds no subscription of that id
     */
    Outcome record(Notice notice);

    /** What a notice did. */
    enum Outcome {
        /** A SIM swap acted on. */
        APPLIED,
        /** A SIM swap no later than one already applied (or with nothing left to do). */
        IGNORED,
        /** A subscription's lifecycle recorded. */
        RECORDED,
        /** Received before: nothing done again. */
        DUPLICATE
    }

    /** What the notice is about. */
    enum Kind {
        /** The watched number moved to another SIM card. */
        SWAPPED,
        /** The subscription started. */
        SUBSCRIPTION_STARTED,
        /** The subscription became active or inactive ({@code reason} says which). */
        SUBSCRIPTION_UPDATED,
        /** The subscription ended ({@code reason} says why). */
        SUBSCRIPTION_ENDED
    }

    /**
     * One notice.
     *
     * @param source       the CloudEvent's {@code source}
     * @param id           the CloudEvent's {@code id}, unique within its source
     * @param type         the CloudEvent's {@code type}, recorded as sent
     * @param time         the CloudEvent's {@code time}: when it happened
     * @param phoneNumber  {@code data.phoneNumber} when given; else the subscription's number
     * @param reason       {@code data.updateReason} / {@code data.terminationReason} of a lifecycle notice
     */
    record Notice(String source, String id, Kind kind, String type, Instant time, String subscriptionId,
                  Optional<WaId> phoneNumber, Optional<String> reason) {
        public Notice {
            text("source", source, 500);
            text("id", id, 256);
            text("type", type, 200);
            text("data.subscriptionId", subscriptionId, 256);
            if (kind == null || time == null || phoneNumber == null || reason == null) {
                throw new IllegalArgumentException("a notice has a kind, a time, and maybe a phone number and a reason");
            }
            reason.ifPresent(r -> text("reason", r, 100));
        }

        private static void text(String field, String value, int max) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(field + " is required");
            }
            if (value.length() > max) {
                throw new IllegalArgumentException(field + " must be at most " + max + " characters");
            }
        }
    }
}
