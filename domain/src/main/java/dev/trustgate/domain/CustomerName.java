package dev.trustgate.domain;

/**
 * One of the names WhatsApp knows a user by. Each kind has its own syntax, so a name's text alone tells
 * its kind: digits are a wa_id, {@code CC.xxx} a user id, {@code CC.ENT.xxx} a parent user id.
 */
public sealed interface CustomerName extends ContactHandle permits WaId, UserId, ParentUserId {

    String value();

    NameKind kind();

    /** The name with most of it hidden, for logs and screens. */
    String masked();

    /**
     * Reads a name as WhatsApp spells it (a wa_id's digits exactly; user ids are case-sensitive).
     *
     * @throws IllegalArgumentException when the text is none of the three kinds
     */
    static CustomerName parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a customer name must not be blank");
        }
        if (Character.isDigit(text.charAt(0))) {
            return new WaId(text);
        }
        if (text.contains(".ENT.")) {
            return new ParentUserId(text);
        }
        return new UserId(text);
    }

    /** The same name parsed as {@code kind}; the text must have that kind's syntax. */
    static CustomerName of(NameKind kind, String text) {
        return switch (kind) {
            case WA_ID -> new WaId(text);
            case USER_ID -> new UserId(text);
            case PARENT_USER_ID -> new ParentUserId(text);
        };
    }
}
