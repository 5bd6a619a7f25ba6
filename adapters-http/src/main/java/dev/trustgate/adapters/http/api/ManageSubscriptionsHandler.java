package dev.trustgate.adapters.http.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.port.in.ManageSubscriptionsUseCase;
import dev.trustgate.application.port.out.Subscription;
import dev.trustgate.domain.BusinessNumberId;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code POST/GET/DELETE /v1/subscriptions}: the business's webhook endpoints; the secret is shown once. */
final class ManageSubscriptionsHandler {

    record Body(String url, List<String> eventTypes, List<String> phoneNumberIds) {
    }

    record SubscriptionView(String id, String url, List<String> eventTypes, List<String> phoneNumberIds, boolean enabled,
                            Instant createdAt) {
        static SubscriptionView fromDomain(Subscription s) {
            return new SubscriptionView(s.id(), s.url(), s.eventTypes().stream().sorted().toList(),
                    s.businesses().stream().map(BusinessNumberId::value).sorted().toList(), s.enabled(), s.createdAt());
        }
    }

    record Created(String id, String url, List<String> eventTypes, List<String> phoneNumberIds, String secret) {
    }

    private final ManageSubscriptionsUseCase useCase;
    private final ObjectMapper json;

    ManageSubscriptionsHandler(ManageSubscriptionsUseCase useCase, ObjectMapper json) {
        this.useCase = useCase;
        this.json = json;
    }

    void create(Context ctx) {
        Body body = Requests.body(ctx, json, Body.class);
        Set<String> types = body.eventTypes() == null ? Set.of() : Set.copyOf(body.eventTypes());
        Set<BusinessNumberId> businesses = body.phoneNumberIds() == null ? Set.of()
                : body.phoneNumberIds().stream().map(BusinessNumberId::new).collect(Collectors.toSet());
        ManageSubscriptionsUseCase.Created created = useCase.create(new ManageSubscriptionsUseCase.CreateCommand(
                Requests.caller(ctx), body.url(), types, businesses));
        SubscriptionView view = SubscriptionView.fromDomain(created.subscription());
        ctx.status(201).json(new Created(view.id(), view.url(), view.eventTypes(), view.phoneNumberIds(), created.secret()));
    }

    void list(Context ctx) {
        ctx.json(java.util.Map.of("subscriptions", useCase.list(Requests.caller(ctx)).stream()
                .map(SubscriptionView::fromDomain).toList()));
    }

    void delete(Context ctx) {
        useCase.delete(Requests.caller(ctx), ctx.pathParam("id"));
        ctx.status(204);
    }
}
