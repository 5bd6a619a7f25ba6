package dev.trustgate.domain;

import java.util.Locale;

/** The kinds of name WhatsApp gives a user (DESIGN §4 "Who a customer is"). */
public enum NameKind {
    /** The phone-number id: digits. */
    WA_ID,
    /** The business-scoped user id (BSUID). */
    USER_ID,
    /** The parent business-scoped user id, shared across a business's portfolios. */
    PARENT_USER_ID;

    /** The name as WhatsApp's payloads spell it: {@code wa_id}, {@code user_id}, {@code parent_user_id}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
