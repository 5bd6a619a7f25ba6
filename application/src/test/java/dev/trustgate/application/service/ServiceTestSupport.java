package dev.trustgate.application.service;

import dev.trustgate.application.Caller;
import dev.trustgate.application.fakes.InMemoryTrustgate;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Kind;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Outcome;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Signal;
import dev.trustgate.application.port.in.ContactCommandResult;
import dev.trustgate.application.port.in.ContactTrustView;
import dev.trustgate.application.port.in.OptInToIdentityChecksUseCase;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.CommandResult;
import dev.trustgate.application.port.in.ContactSelector;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.WaId;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.SignalSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The in-memory core plus the few steps every service test takes. */
abstract class ServiceTestSupport {

    static final BusinessNumberId BUSINESS = new BusinessNumberId("106540352242922");
    static final WaId WA_ID = new WaId("16505551234");
    static final ContactSelector CUSTOMER = new ContactSelector(BUSINESS, WA_ID);
    static final Recipient TO = Recipient.of(WA_ID);
    static final ContactNames NAMES = ContactNames.of(WA_ID);
    static final ContactSelector OTHER_BUSINESS_CUSTOMER = new ContactSelector(new BusinessNumberId("999000111"), WA_ID);
    static final IdentityHash OLD = new IdentityHash("DF2lS5v2W6x=");
    static final IdentityHash NEW = new IdentityHash("Qm9vbXNoYWthbGFrYQ==");
    static final Caller ADMIN = Caller.admin(new Actor("admin"));
    static final Caller ALICE = Caller.scoped(new Actor("key_alice"), Set.of(BUSINESS));
    static final Caller BOB = Caller.scoped(new Actor("key_bob"), Set.of(BUSINESS));
    static final Caller MALLORY = Caller.scoped(new Actor("key_mallory"), Set.of(OTHER_BUSINESS_CUSTOMER.business()));
    static final String TEXT = "{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}";

    final InMemoryTrustgate core = new InMemoryTrustgate();
    final TrustgateServices services = core.services;

    void optIn() {
        services.optIn.setIdentityChecks(new OptInToIdentityChecksUseCase.Command(ADMIN, BUSINESS, true));
    }

    List<Outcome> signal(Kind kind, Optional<IdentityHash> hash, long whatsappEpochSecond, String receipt) {
        return services.recordSignals.record(List.of(Signal.of(Optional.ofNullable(receipt), BUSINESS, ContactNames.of(WA_ID), kind,
                hash, Instant.ofEpochSecond(whatsappEpochSecond), SignalSource.WHATSAPP_MESSAGE, Optional.empty())));
    }

    void baseline() {
        signal(Kind.OBSERVED, Optional.of(OLD), 1_750_000_000L, "m1");
    }

    void identityChanges() {
        signal(Kind.OBSERVED, Optional.of(NEW), 1_750_000_100L, "m2");
    }

    /** The key of the contact {@link #WA_ID} belongs to. */
    ContactKey key() {
        return core.contacts.resolve(BUSINESS, List.of(WA_ID)).get(WA_ID);
    }

    /** The contact {@link #WA_ID} belongs to, as stored. */
    ContactTrust stored() {
        return core.contacts.find(key()).orElseThrow();
    }

    /** The view a command that must have changed the contact answered with. */
    static ContactTrustView changed(ContactCommandResult result) {
        return result.fold(ContactCommandResult.Changed::view, ignored -> {
            throw new AssertionError("expected a change, the command was ignored: " + ignored);
        }, rejected -> {
            throw new AssertionError("expected a change, the command was refused: " + rejected);
        });
    }

    /** Why a command that must have been refused was refused. */
    static CommandResult.Rejected rejected(ContactCommandResult result) {
        return result.fold(changed -> {
            throw new AssertionError("expected a refusal, the command changed the contact: " + changed);
        }, ignored -> {
            throw new AssertionError("expected a refusal, the command was ignored: " + ignored);
        }, ContactCommandResult.Rejected::rejection);
    }

    List<String> eventTypes() {
        return core.events.read(BUSINESS, 0, 1000).stream().map(RecordedEvent::type).toList();
    }
}
