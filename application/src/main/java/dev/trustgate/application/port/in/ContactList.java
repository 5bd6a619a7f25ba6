package dev.trustgate.application.port.in;

import dev.trustgate.application.Requests;
import java.util.List;
import java.util.Optional;

/** A page of contacts; {@code next} is the cursor of the following page, empty on the last one. */
public record ContactList(List<ContactTrustView> contacts, Optional<String> next) {

    public ContactList {
        contacts = List.copyOf(contacts);
        Requests.required("next", next);
    }
}
