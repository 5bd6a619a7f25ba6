package dev.trustgate.domain;

/** Identifies one trust relationship: a business phone number and one of its customers, by trustgate's contact id. */
public record ContactKey(BusinessNumberId business, ContactId id) {

    public ContactKey {
        Validation.notNull("phone_number_id", business);
        Validation.notNull("contact id", id);
    }

    public static ContactKey of(String business, String contactId) {
        return new ContactKey(new BusinessNumberId(business), new ContactId(contactId));
    }

    @Override
    public String toString() {
        return business + "/" + id;
    }
}
