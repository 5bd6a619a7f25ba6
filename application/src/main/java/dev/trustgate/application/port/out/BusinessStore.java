package dev.trustgate.application.port.out;

import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.BusinessNumberId;
import java.util.Optional;

/** Business phone numbers: opt-in and acknowledgement policy. */
public interface BusinessStore {

    Optional<BusinessNumber> find(BusinessNumberId id);

    /** The number as stored, or as trustgate treats one it was never told about (not opted in, policy NONE). */
    default BusinessNumber findOrUnknown(BusinessNumberId id) {
        return find(id).orElseGet(() -> BusinessNumber.unknown(id));
    }

    /**
     * Reads the number and, inside a transaction, keeps others from changing it until the transaction ends,
     * so two changes of it (opt-in, policy) never overwrite each other.
     */
    Optional<BusinessNumber> findForUpdate(BusinessNumberId id);

    /** The number as {@link #findForUpdate} locks it, or as trustgate treats one it was never told about. */
    default BusinessNumber findOrUnknownForUpdate(BusinessNumberId id) {
        return findForUpdate(id).orElseGet(() -> BusinessNumber.unknown(id));
    }

    /** Inserts or replaces the business number. */
    void save(BusinessNumber business);
}
