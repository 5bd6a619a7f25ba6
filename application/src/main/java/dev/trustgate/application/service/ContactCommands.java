package dev.trustgate.application.service;

import dev.trustgate.application.Caller;
import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.out.BusinessStore;
import dev.trustgate.application.port.out.ContactStore;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.CommandResult;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactTrust;
import java.util.Map;

/**
 * The one way a use case changes a contact: load it and its business, apply the domain command, save
 * with the version check, publish the events, all in one transaction, retried when it lost a race.
 */
public final class ContactCommands {

    /** A command on one contact, given the business it belongs to. */
    @FunctionalInterface
    public interface Command {
        CommandResult apply(ContactTrust contact, BusinessNumber business);
    }

    private final Retry retry;
    private final ContactStore contacts;
    private final BusinessStore businesses;
    private final EventPublisher publisher;

    public ContactCommands(Retry retry, ContactStore contacts, BusinessStore businesses, EventPublisher publisher) {
        this.retry = retry;
        this.contacts = contacts;
        this.businesses = businesses;
        this.publisher = publisher;
    }

    /**
     * Applies {@code command} to an existing contact the caller may see.
     *
     * @return the contact after the command (unchanged when the command was ignored)
     * @throws TrustgateException not_found, or the rejection's code with its detail
     */
    public CommandResult.Changed execute(Caller caller, ContactKey key, Command command) {
        caller.requireAccess(key.business());
        return retry.inTransaction(() -> {
            ContactTrust contact = contacts.find(key).orElseThrow(() -> TrustgateException.notFound("contact"));
            CommandResult result = applyAndStore(contact, business(key), command);
            if (result instanceof CommandResult.Rejected rejected) {
                throw rejection(rejected);
            }
            return result instanceof CommandResult.Changed changed ? changed : new CommandResult.Changed(contact, java.util.List.of());
        });
    }

    /** Inside a caller's transaction: applies {@code command} to the contact, creating it when new. */
    public CommandResult applyCreatingContact(ContactKey key, Command command) {
        ContactTrust contact = contacts.find(key).orElseGet(() -> ContactTrust.newContact(key));
        return applyAndStore(contact, business(key), command);
    }

    BusinessNumber business(ContactKey key) {
        return businesses.findOrUnknown(key.business());
    }

    private CommandResult applyAndStore(ContactTrust contact, BusinessNumber business, Command command) {
        CommandResult result = command.apply(contact, business);
        if (result instanceof CommandResult.Changed changed) {
            contacts.save(changed.contact());
            publisher.publish(changed.events());
        }
        return result;
    }

    static TrustgateException rejection(CommandResult.Rejected rejected) {
        Map<String, Object> details = switch (rejected.reason()) {
            case STALE_ACKNOWLEDGEMENT -> Map.of("pendingIdentityHash", rejected.detail());
            default -> Map.of();
        };
        String message = switch (rejected.reason()) {
            case STALE_ACKNOWLEDGEMENT -> "the acknowledged identity hash is not the pending change's hash";
            default -> rejected.detail();
        };
        return new TrustgateException(ErrorCode.of(rejected.reason()), message, details);
    }
}
