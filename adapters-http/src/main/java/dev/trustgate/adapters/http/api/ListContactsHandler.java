package dev.trustgate.adapters.http.api;

import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.Caller;
import dev.trustgate.application.port.in.ContactList;
import dev.trustgate.application.port.in.ListContactsUseCase;
import dev.trustgate.domain.TrustState;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code GET /v1/businesses/{pnid}/contacts?state=&after=&limit=}: e.g. every blocked customer. */
final class ListContactsHandler {

    record Page(List<ContactView> contacts, String next) {
    }

    private final ListContactsUseCase useCase;

    ListContactsHandler(ListContactsUseCase useCase) {
        this.useCase = useCase;
    }

    void handle(Context ctx) {
        Optional<TrustState> state = Optional.ofNullable(ctx.queryParam("state")).map(value -> {
            try {
                return TrustState.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("state must be one of " + Arrays.toString(TrustState.values()));
            }
        });
        Optional<String> after = Optional.ofNullable(ctx.queryParam("after")).map(a -> new dev.trustgate.domain.ContactId(a).value());
        Caller caller = Requests.caller(ctx);
        ContactList list = useCase.list(new ListContactsUseCase.Query(caller, Requests.business(ctx), state, after,
                Requests.limit(ctx)));
        ctx.json(new Page(list.contacts().stream().map(view -> ContactView.fromDomain(view, caller.actor())).toList(),
                list.next().orElse(null)));
    }
}
