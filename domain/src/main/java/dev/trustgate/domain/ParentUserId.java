package dev.trustgate.domain;

import java.util.regex.Pattern;

/**
 * A parent business-scoped user id, shared by a business's portfolios: {@code CC.ENT.} and up to 128
 * letters and digits, e.g. {@code US.ENT.11815799212886844830}. Case-sensitive, never normalised.
 */
public record ParentUserId(String value) implements CustomerName {

    static final Pattern SYNTAX = Pattern.compile("[A-Z]{2}\\.ENT\\.[A-Za-z0-9]{1,128}");

    public ParentUserId {
        Validation.require("parent_user_id", value, 135, SYNTAX, "a parent user id: country code, '.ENT.', letters and digits");
    }

    @Override
    public NameKind kind() {
        return NameKind.PARENT_USER_ID;
    }

    @Override
    public String masked() {
        return Names.mask(value, 7);
    }

    @Override
    public String toString() {
        return masked();
    }
}
