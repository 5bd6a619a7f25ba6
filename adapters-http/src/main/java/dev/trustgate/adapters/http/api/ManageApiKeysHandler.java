package dev.trustgate.adapters.http.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.port.in.ManageApiKeysUseCase;
import dev.trustgate.application.port.out.ApiKey;
import dev.trustgate.domain.BusinessNumberId;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code POST/GET/DELETE /v1/api-keys} (admin key): keys scoped to business numbers; the key is shown once. */
final class ManageApiKeysHandler {

    record Body(String name, List<String> phoneNumberIds) {
    }

    record KeyView(String id, String name, List<String> phoneNumberIds, Instant createdAt, Instant revokedAt) {
        static KeyView fromDomain(ApiKey k) {
            return new KeyView(k.id(), k.name(), k.businesses().stream().map(BusinessNumberId::value).sorted().toList(),
                    k.createdAt(), k.revokedAt().orElse(null));
        }
    }

    record Created(String id, String name, List<String> phoneNumberIds, String key) {
    }

    private final ManageApiKeysUseCase useCase;
    private final ObjectMapper json;

    ManageApiKeysHandler(ManageApiKeysUseCase useCase, ObjectMapper json) {
        this.useCase = useCase;
        this.json = json;
    }

    void create(Context ctx) {
        Body body = Requests.body(ctx, json, Body.class);
        if (body.phoneNumberIds() == null) {
            throw new IllegalArgumentException("phoneNumberIds is required: the business numbers the key may act for");
        }
        Set<BusinessNumberId> businesses = body.phoneNumberIds().stream().map(BusinessNumberId::new).collect(Collectors.toSet());
        ManageApiKeysUseCase.Created created = useCase.create(new ManageApiKeysUseCase.CreateCommand(Requests.caller(ctx),
                body.name(), businesses));
        ctx.status(201).json(new Created(created.apiKey().id(), created.apiKey().name(),
                KeyView.fromDomain(created.apiKey()).phoneNumberIds(), created.key()));
    }

    void list(Context ctx) {
        ctx.json(java.util.Map.of("apiKeys", useCase.list(Requests.caller(ctx)).stream().filter(k -> !k.admin())
                .map(KeyView::fromDomain).toList()));
    }

    void revoke(Context ctx) {
        useCase.revoke(Requests.caller(ctx), ctx.pathParam("id"));
        ctx.status(204);
    }
}
