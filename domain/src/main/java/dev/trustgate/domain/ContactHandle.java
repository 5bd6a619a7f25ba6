package dev.trustgate.domain;

import java.util.regex.Pattern;

/**
 * Anything a caller may point at a contact with: trustgate's contact id, or one of the names WhatsApp
 * knows the customer by (wa_id, business-scoped user id, parent user id).
 */
public sealed interface ContactHandle permits ContactId, CustomerName {

    /** trustgate's contact ids: {@code ct_} and a token. */
    Pattern CONTACT_ID = Pattern.compile("ct_[A-Za-z0-9_-]{1,61}");

    /**
     * Reads a handle as it appears in a URL path: a contact id ({@code ct_…}), a wa_id (digits), a user id
     * ({@code US.1349…}) or a parent user id ({@code US.ENT.1181…}).
     *
     * @throws IllegalArgumentException naming what a handle may be
     */
    static ContactHandle parse(String text) {
        if (text != null && CONTACT_ID.matcher(text).matches()) {
            return new ContactId(text);
        }
        try {
            return CustomerName.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("customer must be a contact id (ct_…), a wa_id (digits), a user id "
                    + "(CC.…) or a parent user id (CC.ENT.…)");
        }
    }
}
