package dev.trustgate.application.fakes;

import dev.trustgate.application.port.out.ConcurrentUpdateException;
import dev.trustgate.application.port.out.ContactStore;
import dev.trustgate.application.port.out.StorageUnavailableException;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.CustomerName;
import dev.trustgate.domain.TrustState;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

public final class InMemoryContactStore implements ContactStore, InMemoryState {

    private TreeMap<String, ContactTrust> contacts = new TreeMap<>();
    /** business/name -> contact key */
    private Map<String, ContactKey> names = new HashMap<>();
    /** business/id of a retired contact -> the contact it was merged into */
    private Map<String, ContactKey> merged = new HashMap<>();
    private Map<String, Departure> departures = new HashMap<>();
    private int savesUntilFailure = -1;

    /** The save after {@code successfulSaves} more saves fails as if the database went away. */
    public synchronized void failAfter(int successfulSaves) {
        savesUntilFailure = successfulSaves;
    }

    private static String id(ContactKey key) {
        return key.business().value() + "/" + key.id().value();
    }

    private static String name(BusinessNumberId business, CustomerName name) {
        return business.value() + "/" + name.value();
    }

    @Override
    public synchronized Optional<ContactTrust> find(ContactKey key) {
        return Optional.ofNullable(contacts.get(id(key)));
    }

    @Override
    public Optional<ContactTrust> findForUpdate(ContactKey key) {
        return find(key);
    }

    @Override
    public synchronized Map<CustomerName, ContactKey> resolve(BusinessNumberId business, Collection<? extends CustomerName> wanted) {
        Map<CustomerName, ContactKey> found = new LinkedHashMap<>();
        for (CustomerName n : wanted) {
            ContactKey key = names.get(name(business, n));
            if (key != null) {
                found.put(n, key);
            }
        }
        return found;
    }

    @Override
    public synchronized void save(ContactTrust contact) {
        if (savesUntilFailure == 0) {
            savesUntilFailure = -1;
            throw new StorageUnavailableException("simulated failure while saving " + contact.key(), null);
        }
        if (savesUntilFailure > 0) {
            savesUntilFailure--;
        }
        ContactTrust stored = contacts.get(id(contact.key()));
        long storedVersion = stored == null ? 0 : stored.version();
        if (storedVersion != contact.version() - 1) {
            throw new ConcurrentUpdateException("contact " + contact.key() + " is at version " + storedVersion);
        }
        contacts.put(id(contact.key()), contact);
    }

    @Override
    public synchronized void link(ContactKey contact, CustomerName name, Instant at) {
        ContactKey owner = names.putIfAbsent(name(contact.business(), name), contact);
        if (owner != null && !owner.equals(contact)) {
            throw new ConcurrentUpdateException("name " + name.masked() + " belongs to another contact");
        }
    }

    @Override
    public synchronized void unlink(BusinessNumberId business, CustomerName name) {
        names.remove(name(business, name));
    }

    @Override
    public synchronized List<CustomerName> names(ContactKey contact) {
        String prefix = contact.business().value() + "/";
        return names.entrySet().stream().filter(e -> e.getValue().equals(contact) && e.getKey().startsWith(prefix))
                .map(e -> CustomerName.parse(e.getKey().substring(prefix.length()))).sorted(java.util.Comparator.comparing(CustomerName::value))
                .toList();
    }

    @Override
    public synchronized void mergeInto(ContactTrust absorbed, ContactKey into) {
        ContactTrust stored = contacts.get(id(absorbed.key()));
        if (stored == null || stored.version() != absorbed.version()) {
            throw new ConcurrentUpdateException("contact " + absorbed.key() + " changed before it was merged");
        }
        contacts.remove(id(absorbed.key()));
        names.values().removeIf(absorbed.key()::equals);
        merged.put(id(absorbed.key()), into);
    }

    @Override
    public synchronized Optional<ContactKey> mergedInto(ContactKey key) {
        return Optional.ofNullable(merged.get(id(key)));
    }

    @Override
    public synchronized List<ContactKey> absorbedBy(ContactKey survivor) {
        return merged.entrySet().stream().filter(e -> e.getValue().equals(survivor)).map(Map.Entry::getKey).sorted()
                .map(k -> ContactKey.of(k.substring(0, k.indexOf('/')), k.substring(k.indexOf('/') + 1))).toList();
    }

    @Override
    public synchronized void recordDeparture(ContactKey detached, ContactKey movedTo, Instant at) {
        departures.put(id(detached), new Departure(movedTo, at));
    }

    @Override
    public synchronized Optional<Departure> departure(ContactKey detached) {
        return Optional.ofNullable(departures.get(id(detached)));
    }

    @Override
    public synchronized Page<ContactTrust> list(BusinessNumberId business, Optional<TrustState> state, Optional<String> after,
                                                int limit) {
        String from = business.value() + "/" + after.orElse("");
        List<ContactTrust> matching = contacts.tailMap(from, after.isEmpty()).entrySet().stream()
                .takeWhile(e -> e.getKey().startsWith(business.value() + "/"))
                .map(Map.Entry::getValue)
                .filter(c -> state.isEmpty() || c.state() == state.get())
                .limit(limit + 1L)
                .toList();
        if (matching.size() > limit) {
            List<ContactTrust> page = matching.subList(0, limit);
            return new Page<>(page, Optional.of(page.get(limit - 1).key().id().value()));
        }
        return new Page<>(matching, Optional.empty());
    }

    @Override
    public synchronized Object snapshot() {
        return List.of(new TreeMap<>(contacts), new HashMap<>(names), new HashMap<>(merged), new HashMap<>(departures));
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        List<Object> both = (List<Object>) snapshot;
        contacts = new TreeMap<>((TreeMap<String, ContactTrust>) both.get(0));
        names = new HashMap<>((Map<String, ContactKey>) both.get(1));
        merged = new HashMap<>((Map<String, ContactKey>) both.get(2));
        departures = new HashMap<>((Map<String, Departure>) both.get(3));
    }
}
