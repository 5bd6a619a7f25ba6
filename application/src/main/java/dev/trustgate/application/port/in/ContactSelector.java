package dev.trustgate.application.port.in;

import dev.trustgate.application.Requests;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactHandle;

/**
 * The contact a request is about: a business number and any handle of the customer — trustgate's contact
 * id, or a name WhatsApp knows them by (a wa_id also matches its aliases).
 */
public record ContactSelector(BusinessNumberId business, ContactHandle handle) {

    public ContactSelector {
        Requests.required("phoneNumberId", business);
        Requests.required("customer", handle);
    }

    /** Reads {@code customer} as it appears in a URL: {@code ct_…}, a wa_id, a user id or a parent user id. */
    public static ContactSelector of(BusinessNumberId business, String customer) {
        return new ContactSelector(business, ContactHandle.parse(customer));
    }
}
