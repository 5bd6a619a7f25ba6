package dev.trustgate.application.service;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.MarkMessageReadUseCase;
import dev.trustgate.application.port.out.WhatsAppGateway;
import dev.trustgate.application.port.out.WhatsAppGateway.ReadOutcome;
import java.util.Map;

/** {@link MarkMessageReadUseCase}: a read receipt carries nothing to the customer, so it goes to WhatsApp ungated. */
public final class MarkMessageReadService implements MarkMessageReadUseCase {

    private final WhatsAppGateway gateway;

    public MarkMessageReadService(WhatsAppGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public Answer markRead(Command command) {
        command.caller().requireAccess(command.from());
        ReadOutcome outcome = gateway.markRead(command.from(), command.requestJson());
        return outcome.fold(answered -> new Answer(answered.status(), answered.body()), unavailable -> {
            throw new TrustgateException(ErrorCode.UPSTREAM_ERROR, "WhatsApp did not answer: " + unavailable.reason(), Map.of());
        });
    }
}
