package dev.trustgate.application.service;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.ContactSelector;
import dev.trustgate.application.port.out.ConcurrentUpdateException;
import dev.trustgate.application.port.out.ContactStore;
import dev.trustgate.application.port.out.IdGenerator;
import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ChangeId;
import dev.trustgate.domain.CommandResult;
import dev.trustgate.domain.ContactId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.ContactRef;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.CustomerName;
import dev.trustgate.domain.PhoneAliases;
import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who a customer is (DESIGN §4): the one place that finds contacts by any of their names, creates them,
 * links the names WhatsApp reports, merges two contacts found to be one user, and stores a command's
 * result with its names and events. Every contact write goes through here, so a contact's current names
 * are always linked to it. All methods run inside the caller's transaction.
 */
public final class Contacts {

    private static final int LOCK_ATTEMPTS = 4;

    private final ContactStore store;
    private final MessageLog messages;
    private final EventPublisher publisher;
    private final IdGenerator ids;

    public Contacts(ContactStore store, MessageLog messages, EventPublisher publisher, IdGenerator ids) {
        this.store = store;
        this.messages = messages;
        this.publisher = publisher;
        this.ids = ids;
    }

    /**
     * The contact a request names: by contact id, or by a name — the name itself first, else (for a phone
     * number) one of its aliases.
     *
     * @throws TrustgateException not_found when no contact has it; conflict when a number's aliases match several
     */
    public ContactTrust find(ContactSelector selector, boolean forUpdate) {
        ContactKey key = key(selector);
        return (forUpdate ? store.findForUpdate(key) : store.find(key))
                .orElseThrow(() -> TrustgateException.notFound("contact"));
    }

    private ContactKey key(ContactSelector selector) {
        if (selector.handle() instanceof ContactId id) {
            // an id of a contact merged into another leads to that one
            ContactKey key = new ContactKey(selector.business(), id);
            for (int hop = 0; hop < 16; hop++) {
                Optional<ContactKey> next = store.mergedInto(key);
                if (next.isEmpty()) {
                    return key;
                }
                key = next.get();
            }
            return key;
        }
        CustomerName name = (CustomerName) selector.handle();
        List<CustomerName> candidates = name instanceof WaId waId ? List.copyOf(PhoneAliases.of(waId)) : List.of(name);
        Map<CustomerName, ContactKey> found = store.resolve(selector.business(), candidates);
        if (found.containsKey(name)) {
            return found.get(name);
        }
        Set<ContactKey> matches = new LinkedHashSet<>(found.values());
        if (matches.size() > 1) {
            throw new TrustgateException(ErrorCode.CONFLICT,
                    "spellings of this number belong to " + matches.size() + " contacts; name the contact by its contactId",
                    Map.of("contactIds", matches.stream().map(k -> k.id().value()).toList()));
        }
        return matches.stream().findFirst().orElseThrow(() -> TrustgateException.notFound("contact"));
    }

    /**
     * Locks every contact any of {@code candidates} belongs to, in contact id order (so two lockers never
     * deadlock), and makes sure the names still lead to those contacts once locked: a merge or number change
     * that committed meanwhile is seen, never decided around.
     *
     * @return the locked contacts, and which contact each candidate name led to
     */
    public Locked lock(BusinessNumberId business, Collection<? extends CustomerName> candidates) {
        for (int attempt = 1; attempt <= LOCK_ATTEMPTS; attempt++) {
            Map<CustomerName, ContactKey> found = store.resolve(business, candidates);
            List<ContactKey> keys = found.values().stream().distinct()
                    .sorted(Comparator.comparing((ContactKey k) -> k.id().value())).toList();
            List<ContactTrust> locked = keys.stream().map(store::findForUpdate).flatMap(Optional::stream).toList();
            if (locked.size() == keys.size() && store.resolve(business, candidates).equals(found)) {
                return new Locked(locked, found);
            }
        }
        throw new ConcurrentUpdateException("the names of a contact of " + business + " kept moving while it was locked");
    }

    /** Locked contacts, and the contact each looked-up name belongs to. */
    public record Locked(List<ContactTrust> contacts, Map<CustomerName, ContactKey> byName) {

        public Optional<ContactTrust> of(CustomerName name) {
            return Optional.ofNullable(byName.get(name))
                    .flatMap(key -> contacts.stream().filter(c -> c.key().equals(key)).findFirst());
        }
    }

    /**
     * The one contact that {@code together} — names WhatsApp gave one user in one place (a {@code contacts[]}
     * item, a message's sender, a status's recipient, a send's answer) — belong to, locked: merged into one
     * when several have them (the stricter trust wins), or, when nobody has them, a new contact that
     * {@link #finish} stores with whatever the caller's command does to it. Names it did not have become its
     * current ones ({@code current}); a name it already had as an earlier one never comes back as current.
     *
     * <p>{@code asOf} is WhatsApp's time of the signal. A number whose customer moved to another number is a
     * contact of its own from that moment; a signal about it from before the move is about the customer who
     * left, and never folds the number back into them.
     */
    public Attached attach(BusinessNumberId business, Collection<? extends CustomerName> together, ContactNames current,
                           BusinessNumber businessNumber, Instant at, Instant asOf) {
        List<CustomerName> candidates = new ArrayList<>(new LinkedHashSet<>(together));
        Locked locked = lock(business, candidates);
        if (locked.contacts().isEmpty()) {
            // a number WhatsApp reports may be one spelling of a number trustgate knows in another
            List<CustomerName> aliases = candidates.stream().filter(WaId.class::isInstance)
                    .flatMap(w -> PhoneAliases.of((WaId) w).stream()).filter(a -> !candidates.contains(a))
                    .map(CustomerName.class::cast).toList();
            if (!aliases.isEmpty()) {
                Locked byAlias = lock(business, aliases);
                if (byAlias.contacts().size() == 1) {
                    locked = byAlias;
                }
            }
        }
        // numbers left before this signal was sent: the signal is about the customer who left them
        List<ContactTrust> same = new ArrayList<>();
        Set<ContactKey> leftBehind = new LinkedHashSet<>();
        for (ContactTrust contact : locked.contacts()) {
            Optional<ContactTrust> leaver = contact.identityAsOf().filter(asOf::isBefore).isPresent()
                    ? store.departure(contact.key()).filter(d -> asOf.isBefore(d.at())).flatMap(d -> current(d.movedTo()))
                    : Optional.empty();
            if (leaver.isPresent()) {
                leftBehind.add(contact.key());
                same.add(leaver.get());
            } else {
                same.add(contact);
            }
        }
        List<ContactTrust> distinct = new ArrayList<>(same.stream().collect(java.util.stream.Collectors.toMap(
                ContactTrust::key, c -> c, (a, b) -> a, java.util.LinkedHashMap::new)).values());
        boolean isNew = distinct.isEmpty();
        ContactTrust contact = isNew ? ContactTrust.newContact(newKey(business), current) : merge(distinct, businessNumber, at);
        Map<CustomerName, ContactKey> owners = locked.byName();
        List<CustomerName> own = candidates.stream().filter(n -> !leftBehind.contains(owners.get(n))).toList();
        if (!isNew) {
            ContactKey key = contact.key();
            ContactNames learned = ContactNames.of(current.all().stream()
                    .filter(n -> own.contains(n) && !key.equals(owners.get(n))).toList());
            Optional<CommandResult.Changed> named = contact.learnNames(learned, at).changed();
            if (named.isPresent()) {
                store(Optional.of(contact), named.get());
                contact = named.get().contact();
            }
        }
        for (CustomerName name : own) {
            if (!contact.key().equals(owners.get(name)) && !(isNew && current.all().contains(name))) {
                store.link(contact.key(), name, at);
            }
        }
        return new Attached(contact, isNew);
    }

    /** The live contact {@code key} is, or was merged into; locked. */
    public Optional<ContactTrust> live(ContactKey key) {
        return current(key);
    }

    private Optional<ContactTrust> current(ContactKey key) {
        ContactKey live = key;
        for (int hop = 0; hop < 16; hop++) {
            Optional<ContactTrust> found = store.findForUpdate(live);
            if (found.isPresent()) {
                return found;
            }
            Optional<ContactKey> next = store.mergedInto(live);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            live = next.get();
        }
        return Optional.empty();
    }

    /** A contact {@link #attach} found or made; {@code isNew} when it is not stored yet. */
    public record Attached(ContactTrust contact, boolean isNew) {
    }

    /**
     * Stores what a command did to an attached contact: its change, or — for a new contact the command left
     * alone — the contact itself, with its names.
     *
     * @return whether the command changed the contact
     */
    public boolean finish(Attached attached, CommandResult result, Instant at) {
        Optional<CommandResult.Changed> changed = result.changed();
        if (changed.isPresent()) {
            store(attached.isNew() ? Optional.empty() : Optional.of(attached.contact()), changed.get());
            return true;
        }
        if (attached.isNew()) {
            store(Optional.empty(), named(attached.contact().key(), attached.contact().names(), at));
        }
        return false;
    }

    /** A new contact known by {@code names}, stored (at version 1) with its names linked. */
    public ContactTrust create(BusinessNumberId business, ContactNames names, Instant at) {
        CommandResult.Changed created = named(newKey(business), names, at);
        store(Optional.empty(), created);
        return created.contact();
    }

    /** A new contact {@code key} learning its first names. */
    private static CommandResult.Changed named(ContactKey key, ContactNames names, Instant at) {
        return ContactTrust.newContact(key, ContactNames.NONE).learnNames(names, at).fold(changed -> changed,
                ignored -> {
                    throw new IllegalArgumentException("a new contact is known by at least one name");
                }, rejected -> {
                    throw new IllegalStateException("learning names is never refused: " + rejected);
                });
    }

    /** Folds {@code contacts} (locked, at least one) into one: the stricter absorbs the others. */
    public ContactTrust merge(List<ContactTrust> contacts, BusinessNumber business, Instant at) {
        List<ContactTrust> strictestFirst = new ArrayList<>(contacts);
        strictestFirst.sort(Comparator.comparingInt(Contacts::strictness).reversed()
                .thenComparing(c -> c.key().id().value()));
        ContactTrust survivor = strictestFirst.get(0);
        for (ContactTrust absorbed : strictestFirst.subList(1, strictestFirst.size())) {
            List<CustomerName> absorbedNames = store.names(absorbed.key());
            messages.reassign(absorbed.key(), survivor.key());
            store.mergeInto(absorbed, survivor.key());
            CommandResult.Changed merged = survivor.absorb(absorbed, new ChangeId(ids.newId("chg")), business, at);
            store(Optional.of(survivor), merged);
            survivor = merged.contact();
            for (CustomerName name : absorbedNames) {
                store.link(survivor.key(), name, at);
            }
        }
        return survivor;
    }

    /** Blocked first, then the less trusted. */
    private static int strictness(ContactTrust contact) {
        return switch (contact.state()) {
            case IDENTITY_CHANGED, RE_AUTHENTICATING -> 3;
            case UNVERIFIED -> 2;
            case ACKNOWLEDGED -> 1;
            case TRUSTED -> 0;
        };
    }

    /**
     * Stores a command's result: saves the contact (inserting it when {@code before} is empty), links the
     * names it has that {@code before} lacked, and publishes its events.
     */
    public void store(Optional<ContactTrust> before, CommandResult.Changed changed) {
        ContactTrust after = changed.contact();
        store.save(after);
        Set<CustomerName> known = new LinkedHashSet<>(before.map(c -> c.names().all()).orElse(List.of()));
        for (CustomerName name : after.names().all()) {
            if (!known.contains(name)) {
                store.link(after.key(), name, after.updatedAt().orElseThrow());
            }
        }
        publisher.publish(changed.events());
    }

    /** Detaches {@code number} and its spellings from {@code contact}, which no longer has it. */
    public void detach(ContactKey contact, WaId number) {
        for (CustomerName name : store.names(contact)) {
            if (name instanceof WaId waId && PhoneAliases.same(number, waId)) {
                store.unlink(contact.business(), waId);
            }
        }
    }

    /** {@code survivor} and every contact merged into it, directly or not: one customer under the ids it had. */
    public List<ContactKey> history(ContactKey survivor) {
        List<ContactKey> all = new ArrayList<>(List.of(survivor));
        for (int i = 0; i < all.size() && all.size() < 1000; i++) {
            all.addAll(store.absorbedBy(all.get(i)));
        }
        return all;
    }

    /** {@code key} as events name it: with its current names. */
    public ContactRef ref(ContactKey key) {
        return store.find(key).map(ContactTrust::ref).orElseGet(() -> new ContactRef(key, ContactNames.NONE));
    }

    public ContactKey newKey(BusinessNumberId business) {
        return new ContactKey(business, new ContactId(ids.newId("ct")));
    }
}
