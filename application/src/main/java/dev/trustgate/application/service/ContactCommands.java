package dev.trustgate.application.service;

import dev.trustgate.application.Caller;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.ContactCommandResult;
import dev.trustgate.application.port.in.ContactSelector;
import dev.trustgate.application.port.in.ContactTrustView;
import dev.trustgate.application.port.out.BusinessStore;
import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.CommandResult;
import dev.trustgate.domain.ContactTrust;
import java.util.Optional;

/**
 * The one way a use case changes an existing contact: find it by any of its handles, load its business,
 * apply the domain command, store it with the version check, its names and its events, and build the view
 * that answers the command, all in one transaction, retried when it lost a race.
 */
public final class ContactCommands {

    /** A command on one contact, given the business it belongs to. */
    @FunctionalInterface
    public interface Command {
        CommandResult apply(ContactTrust contact, BusinessNumber business);
    }

    private final Transactions transactions;
    private final Contacts contacts;
    private final BusinessStore businesses;
    private final MessageLog messages;

    public ContactCommands(Transactions transactions, Contacts contacts, BusinessStore businesses, MessageLog messages) {
        this.transactions = transactions;
        this.contacts = contacts;
        this.businesses = businesses;
        this.messages = messages;
    }

    /**
     * Applies {@code command} to an existing contact the caller may see.
     *
     * @return what the command did, with the contact as this transaction left it; a refusal is a result too
     * @throws TrustgateException not_found when the caller may not see the contact or nobody has that handle
     */
    public ContactCommandResult execute(Caller caller, ContactSelector selector, Command command) {
        caller.requireAccess(selector.business());
        return transactions.inTransaction(() -> {
            ContactTrust contact = contacts.find(selector, false);
            BusinessNumber business = businesses.findOrUnknown(selector.business());
            return command.apply(contact, business).fold(changed -> {
                contacts.store(Optional.of(contact), changed);
                return new ContactCommandResult.Changed(view(changed.contact(), business));
            }, ignored -> new ContactCommandResult.Ignored(view(contact, business), ignored.why()),
                    ContactCommandResult.Rejected::new);
        });
    }

    private ContactTrustView view(ContactTrust contact, BusinessNumber business) {
        return ContactTrustView.of(contact, business, messages.countHeld(contact.key()));
    }
}
