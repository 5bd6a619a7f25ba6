package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.Caller;
import dev.trustgate.application.fakes.InMemoryTrustgate;
import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.application.port.out.EventLog;
import dev.trustgate.application.port.out.Outbox;
import dev.trustgate.application.port.out.OutboxEntry;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.application.service.TrustgateServices;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.ContactRef;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.TrustEvent;
import dev.trustgate.domain.WaId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The domain counts are made from what committed: nothing for a rolled-back transaction, each use case's once. */
class CommittedCountsTest {

    private static final BusinessNumberId BUSINESS = new BusinessNumberId("106540352242922");
    private static final TrustEvent DISCARDED = new TrustEvent.MessageDiscarded(new ContactRef(ContactKey.of(BUSINESS.value(), "ct_1"),
            ContactNames.of(new WaId("16505551234"))), Instant.parse("2026-06-01T12:00:00Z"), new Actor("key_crm"), "held_1");

    private final InMemoryTrustgate core = new InMemoryTrustgate();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CommittedCounts counts = new CommittedCounts(registry);
    private final Transactions transactions = counts.transactions(core.transactions);
    private final EventLog events = counts.events(core.events);

    private double counted(String type) {
        Counter counter = registry.find("trustgate_events").tag("type", type).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void anEventCountsOnlyOnceItsTransactionCommitted() {
        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            events.append(BUSINESS, List.of(DISCARDED));
            throw new IllegalStateException("lost a race");
        })).hasMessage("lost a race");
        assertThat(counted("message.discarded")).as("rolled back").isZero();

        transactions.inTransaction(() -> {
            events.append(BUSINESS, List.of(DISCARDED));
            assertThat(counted("message.discarded")).as("appended, not yet committed").isZero();
            return null;
        });
        assertThat(counted("message.discarded")).isEqualTo(1);
    }

    @Test
    void useCasesOverTheWrappedPortsAreCountedByEventTypeAndIdentityChangesBySource() {
        TrustgateServices services = new TrustgateServices(new TrustgateServices.Ports(transactions, core.contacts, core.businesses,
                events, core.receipts, core.messages, counts.outbox(core.outbox), core.subscriptions, core.apiKeys, core.whatsApp,
                core.notifications, core.relay, core.clock, core.ids), url -> true);

        services.send.send(new SendMessageUseCase.Command(Caller.scoped(new Actor("key_crm"), Set.of(BUSINESS)), BUSINESS,
                Recipient.of(new WaId("16505551234")), "{\"type\":\"text\",\"text\":{\"body\":\"Your code\"}}", true,
                SendMessageUseCase.OnBlocked.HOLD));

        assertThat(counted("message.held")).isEqualTo(1);
        assertThat(registry.find("trustgate_identity_changes").counters()).isEmpty();
    }

    @Test
    void theCountedOutboxHandsABatchOfEntriesToItsStoreAsOneBatch() {
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        Outbox store = (Outbox) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Outbox.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    return method.invoke(core.outbox, args);
                });
        Outbox counted = counts.outbox(store);
        List<OutboxEntry> entries = List.of("dlv_1", "dlv_2").stream().map(id -> OutboxEntry.pending(id, BUSINESS,
                OutboxEntry.Kind.EVENT, "sub_1", "ct_1", java.util.Optional.of(1L), java.util.Optional.empty(),
                Instant.parse("2026-06-01T12:00:00Z"))).toList();

        transactions.inTransaction(() -> {
            counted.enqueueAll(entries);
            return null;
        });

        assertThat(calls).containsExactly("enqueueAll");
    }
}
