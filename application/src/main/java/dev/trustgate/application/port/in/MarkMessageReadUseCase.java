package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;
import dev.trustgate.domain.BusinessNumberId;

/**
 * Marks a customer's message as read at WhatsApp (optionally showing a typing indicator). Such calls carry
 * no content to the customer, so they pass through ungated, whatever the customer's trust.
 */
public interface MarkMessageReadUseCase {

    /** WhatsApp's answer, as it gave it. */
    Answer markRead(Command command);

    /**
     * A mark-as-read (or typing indicator) call from business number {@code from}.
     *
     * @param requestJson the Cloud API body ({@code {"messaging_product","status":"read","message_id",…}})
     */
    record Command(Caller caller, BusinessNumberId from, String requestJson) {
        public Command {
            Requests.required("caller", caller);
            Requests.required("from", from);
            Requests.text("body", requestJson, 10_000);
        }
    }

    /** WhatsApp's own answer, status and body, passed back as given. */
    record Answer(int status, String body) {
    }
}
