package dev.trustgate.application.fakes;

import dev.trustgate.application.port.out.ConcurrentUpdateException;
import dev.trustgate.application.port.out.ContactStore;
import dev.trustgate.application.port.out.StorageUnavailableException;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.TrustState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

public final class InMemoryContactStore implements ContactStore, InMemoryState {

    private TreeMap<String, ContactTrust> contacts = new TreeMap<>();
    private int savesUntilFailure = -1;

    /** The save after {@code successfulSaves} more saves fails as if the database went away. */
    public synchronized void failAfter(int successfulSaves) {
        savesUntilFailure = successfulSaves;
    }

    private static String id(ContactKey key) {
        return key.business().value() + "/" + key.waId().value();
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
            return new Page<>(page, Optional.of(page.get(limit - 1).key().waId().value()));
        }
        return new Page<>(matching, Optional.empty());
    }

    @Override
    public synchronized Object snapshot() {
        return new TreeMap<>(contacts);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        contacts = new TreeMap<>((TreeMap<String, ContactTrust>) snapshot);
    }
}
