package dev.trustgate.adapters.http.api;

import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.port.in.VerifyAuditChainUseCase;
import dev.trustgate.application.port.out.EventLog;
import io.javalin.http.Context;

/**
 * {@code GET /v1/businesses/{pnid}/audit/verify}: re-computes the hash chain up to its head and names the first broken
 * link and what kind of break it is ({@code edited}, {@code missing}, {@code truncated}, {@code head_mismatch}).
 */
final class VerifyAuditChainHandler {

    private final VerifyAuditChainUseCase useCase;

    VerifyAuditChainHandler(VerifyAuditChainUseCase useCase) {
        this.useCase = useCase;
    }

    void handle(Context ctx) {
        EventLog.AuditVerification result = useCase.verify(new VerifyAuditChainUseCase.Query(Requests.caller(ctx),
                Requests.business(ctx)));
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("valid", result.valid());
        body.put("checked", result.checked());
        body.put("firstBrokenSequence", result.firstBrokenSequence());
        body.put("problem", result.problem() == null ? null : result.problem().code());
        ctx.json(body);
    }
}
