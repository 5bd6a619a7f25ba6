package dev.trustgate.application.service;

import dev.trustgate.application.Caller;
import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.ContactSelector;
import dev.trustgate.application.port.out.BusinessStore;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.CommandResult;
import dev.trustgate.domain.ContactTrust;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one way a use case changes an existing contact: find it by any of its handles, load its business,
 * apply the domain command, store it with the version check, its names and its events, all in one
 * transaction, retried when it lost a race.
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

    public ContactCommands(Transactions transactions, Contacts contacts, BusinessStore businesses) {
        this.transactions = transactions;
        this.contacts = contacts;
        this.businesses = businesses;
    }

    /**
     * Applies {@code command} to an existing contact the caller may see.
     *
     * @return the contact after the command (unchanged when the command was ignored)
     * @throws TrustgateException not_found, or the rejection's code with its detail
     */
    public CommandResult.Changed execute(Caller caller, ContactSelector selector, Command command) {
        caller.requireAccess(selector.business());
        return transactions.inTransaction(() -> {
            ContactTrust contact = contacts.find(selector, false);
            CommandResult result = command.apply(contact, businesses.findOrUnknown(selector.business()));
            if (result instanceof CommandResult.Rejected rejected) {
                throw rejection(rejected);
            }
            if (result instanceof CommandResult.Changed changed) {
                contacts.store(Optional.of(contact), changed);
                return changed;
            }
            return new CommandResult.Changed(contact, List.of());
        });
    }

    static TrustgateException rejection(CommandResult.Rejected rejected) {
        Map<String, Object> details = rejected.expectedIdentity()
                .<Map<String, Object>>map(pending -> Map.of("pendingIdentityHash", pending.value())).orElse(Map.of());
        return new TrustgateException(ErrorCode.of(rejected.reason()), rejected.detail(), details);
    }
}
