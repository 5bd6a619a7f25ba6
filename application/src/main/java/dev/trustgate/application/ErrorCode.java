package dev.trustgate.application;

import dev.trustgate.domain.BlockReason;
import dev.trustgate.domain.RejectionReason;
import java.util.Locale;

/** The stable, machine-readable error codes of trustgate's API (DESIGN §5). */
public enum ErrorCode {
    INVALID_REQUEST,
    UNSUPPORTED_RECIPIENT,
    /** A message type the configured WhatsApp provider cannot carry. */
    UNSUPPORTED_MESSAGE_TYPE,
    /** Something the configured WhatsApp provider does not offer (the message says what to do instead). */
    UNSUPPORTED_BY_PROVIDER,
    UNAUTHORIZED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    PAYLOAD_TOO_LARGE,
    IDENTITY_CHANGE_UNACKNOWLEDGED,
    NOT_TRUSTED,
    IDENTITY_UNKNOWN,
    STALE_ACKNOWLEDGEMENT,
    ACKNOWLEDGEMENT_POLICY_UNMET,
    UNKNOWN_REAUTHENTICATION,
    TOO_MANY_HELD_MESSAGES,
    STORAGE_UNAVAILABLE,
    UPSTREAM_ERROR;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ErrorCode of(RejectionReason reason) {
        return switch (reason) {
            case INVALID_STATE -> CONFLICT;
            case UNKNOWN_REAUTHENTICATION -> UNKNOWN_REAUTHENTICATION;
            case STALE_ACKNOWLEDGEMENT -> STALE_ACKNOWLEDGEMENT;
            case IDENTITY_UNKNOWN -> IDENTITY_UNKNOWN;
            case ACKNOWLEDGEMENT_POLICY_UNMET -> ACKNOWLEDGEMENT_POLICY_UNMET;
        };
    }

    public static ErrorCode of(BlockReason reason) {
        return switch (reason) {
            case IDENTITY_CHANGE_UNACKNOWLEDGED -> IDENTITY_CHANGE_UNACKNOWLEDGED;
            case NOT_TRUSTED -> NOT_TRUSTED;
            case IDENTITY_UNKNOWN -> IDENTITY_UNKNOWN;
        };
    }
}
