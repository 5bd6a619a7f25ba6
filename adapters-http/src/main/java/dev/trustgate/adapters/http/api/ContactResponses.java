package dev.trustgate.adapters.http.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.support.Problems;
import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.port.in.ContactCommandResult;
import dev.trustgate.application.port.in.ContactTrustView;
import dev.trustgate.domain.CommandResult;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Answers a command on a contact from what the command returned, built in its own transaction: nothing is read
 * again. A change is answered as its handler says, a command the contact ignored with the contact as it is (200),
 * and a refusal as a problem document: the one place a contact's refusal becomes HTTP.
 */
final class ContactResponses {

    private final ObjectMapper json;

    ContactResponses(ObjectMapper json) {
        this.json = json;
    }

    /** A change answered with the contact's view and {@code status}. */
    void answer(Context ctx, ContactCommandResult result, int status) {
        answer(ctx, result, view -> status);
    }

    /** A change answered with the contact's view and the status {@code status} picks for it. */
    void answer(Context ctx, ContactCommandResult result, ToIntFunction<ContactTrustView> status) {
        answerChange(ctx, result, view -> ctx.status(status.applyAsInt(view)).json(ContactView.fromDomain(view, Requests.caller(ctx).actor())));
    }

    /** A change answered by {@code changed}; an ignored command and a refusal as every contact command answers them. */
    void answerChange(Context ctx, ContactCommandResult result, Consumer<ContactTrustView> changed) {
        result.<Runnable>fold(
                change -> () -> changed.accept(change.view()),
                ignored -> () -> ctx.status(200).json(ContactView.fromDomain(ignored.view(), Requests.caller(ctx).actor())),
                rejected -> () -> refuse(ctx, rejected.rejection())).run();
    }

    /** {@code stale_acknowledgement} names the identity that is pending, so the caller can acknowledge the right one. */
    private void refuse(Context ctx, CommandResult.Rejected rejection) {
        Map<String, Object> details = rejection.expectedIdentity()
                .<Map<String, Object>>map(pending -> Map.of("pendingIdentityHash", pending.value())).orElse(Map.of());
        Problems.write(ctx, json, ErrorCode.of(rejection.reason()), rejection.detail(), details);
    }
}
