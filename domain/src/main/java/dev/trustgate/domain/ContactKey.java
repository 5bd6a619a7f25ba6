package dev.trustgate.domain;

/** Identifies one trust relationship: a business phone number and one of its customers. */
public record ContactKey(BusinessNumberId business, WaId waId) {

    public ContactKey {
        Validation.notNull("phone_number_id", business);
        Validation.notNull("wa_id", waId);
    }

    public static ContactKey of(String business, String waId) {
        return new ContactKey(new BusinessNumberId(business), new WaId(waId));
    }

    @Override
    public String toString() {
        return business + "/" + waId.masked();
    }
}
