package dev.trustgate.domain;

import java.util.regex.Pattern;

/**
 * Who caused an event: an API key id, or trustgate and WhatsApp themselves. Four-eyes compares
 * actors, so an actor is always the authenticated caller, never a label from a request body.
 */
public record Actor(String id) {

    public static final Actor WHATSAPP = new Actor("whatsapp");
    public static final Actor TRUSTGATE = new Actor("trustgate");

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:@-]+");

    public Actor {
        Validation.require("actor", id, 100, TOKEN, "letters, digits and . _ : @ -");
    }

    @Override
    public String toString() {
        return id;
    }
}
