package dev.trustgate.adapters.http.api;

import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.port.in.VerifyAuditChainUseCase;
import dev.trustgate.application.port.in.AuditReport;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

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
        AuditReport report = useCase.verify(new VerifyAuditChainUseCase.Query(Requests.caller(ctx), Requests.business(ctx)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("valid", report.valid());
        body.put("checked", report.checked());
        body.put("firstBrokenSequence", report.firstBreak().map(AuditReport.Break::sequence).orElse(null));
        body.put("problem", report.firstBreak().map(b -> b.problem().code()).orElse(null));
        ctx.json(body);
    }
}
