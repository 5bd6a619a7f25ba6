package dev.trustgate.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The names WhatsApp currently gives one contact, one per kind, any of them absent (a username user's
 * phone number is withheld; a business without parent user ids has none). Earlier names stay known to
 * the stores as aliases of the contact; these are the ones trustgate shows and sends to.
 */
public record ContactNames(Optional<WaId> waId, Optional<UserId> userId, Optional<ParentUserId> parentUserId) {

    public static final ContactNames NONE = new ContactNames(Optional.empty(), Optional.empty(), Optional.empty());

    public ContactNames {
        Validation.notNull("waId", waId);
        Validation.notNull("userId", userId);
        Validation.notNull("parentUserId", parentUserId);
    }

    public static ContactNames of(CustomerName... names) {
        ContactNames result = NONE;
        for (CustomerName name : names) {
            result = result.with(name);
        }
        return result;
    }

    public static ContactNames of(Iterable<? extends CustomerName> names) {
        ContactNames result = NONE;
        for (CustomerName name : names) {
            result = result.with(name);
        }
        return result;
    }

    /** These names with {@code name} as the current one of its kind. */
    public ContactNames with(CustomerName name) {
        Validation.notNull("name", name);
        if (name instanceof WaId w) {
            return new ContactNames(Optional.of(w), userId, parentUserId);
        }
        if (name instanceof UserId u) {
            return new ContactNames(waId, Optional.of(u), parentUserId);
        }
        return new ContactNames(waId, userId, Optional.of((ParentUserId) name));
    }

    /** These names, with the current ones replaced by those {@code newer} names (kinds {@code newer} lacks are kept). */
    public ContactNames with(ContactNames newer) {
        ContactNames result = this;
        for (CustomerName name : newer.all()) {
            result = result.with(name);
        }
        return result;
    }

    public ContactNames withoutWaId() {
        return new ContactNames(Optional.empty(), userId, parentUserId);
    }

    /** Every current name, wa_id first. */
    public List<CustomerName> all() {
        List<CustomerName> all = new ArrayList<>(3);
        waId.ifPresent(all::add);
        userId.ifPresent(all::add);
        parentUserId.ifPresent(all::add);
        return List.copyOf(all);
    }

    public boolean isEmpty() {
        return waId.isEmpty() && userId.isEmpty() && parentUserId.isEmpty();
    }

    /** The current name of {@code kind}, if any. */
    public Optional<CustomerName> of(NameKind kind) {
        return switch (kind) {
            case WA_ID -> waId.map(CustomerName.class::cast);
            case USER_ID -> userId.map(CustomerName.class::cast);
            case PARENT_USER_ID -> parentUserId.map(CustomerName.class::cast);
        };
    }

    /** The names masked, for logs: {@code ********1234/US.****1918}. */
    @Override
    public String toString() {
        return String.join("/", all().stream().map(CustomerName::masked).toList());
    }
}
