package dev.trustgate.application.fakes;

import dev.trustgate.application.port.out.BusinessStore;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.BusinessNumberId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

public final class InMemoryBusinessStore implements BusinessStore, InMemoryState {

    private Map<BusinessNumberId, BusinessNumber> businesses = new HashMap<>();

    @Override
    public synchronized Optional<BusinessNumber> find(BusinessNumberId id) {
        return Optional.ofNullable(businesses.get(id));
    }

    @Override
    public Optional<BusinessNumber> findForUpdate(BusinessNumberId id) {
        return find(id);
    }

    @Override
    public synchronized void save(BusinessNumber business) {
        businesses.put(business.id(), business);
    }

    @Override
    public synchronized Object snapshot() {
        return new HashMap<>(businesses);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        businesses = new HashMap<>((Map<BusinessNumberId, BusinessNumber>) snapshot);
    }
}
