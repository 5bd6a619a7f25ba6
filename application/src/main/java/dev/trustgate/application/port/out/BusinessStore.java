package dev.trustgate.application.port.out;

import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.BusinessNumberId;
import java.util.Optional;

/** Business phone numbers: opt-in and acknowledgement policy. */
public interface BusinessStore {

    Optional<BusinessNumber> find(BusinessNumberId id);

    /** Inserts or replaces the business number. */
    void save(BusinessNumber business);
}
