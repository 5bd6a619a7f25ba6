package dev.trustgate.adapters.http.support;

import dev.trustgate.application.port.in.SendMessageUseCase.Result;

/** Why the gate blocked a send, in the same words on the business API and the drop-in Cloud API. */
public final class BlockedSends {

    private BlockedSends() {
    }

    public static String detail(Result.Blocked blocked) {
        return switch (blocked.reason()) {
            case IDENTITY_CHANGE_UNACKNOWLEDGED -> "the customer's WhatsApp identity changed and the change is not acknowledged";
            case NOT_TRUSTED -> "sensitive messages need a customer the business has (re-)authenticated";
            case IDENTITY_UNKNOWN -> "sensitive messages need a known identity to pin them to";
        };
    }
}
