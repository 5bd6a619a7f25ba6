package dev.trustgate.application.service;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.ContactCommandResult;
import dev.trustgate.application.port.in.RecordReauthenticationResultUseCase;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.SimSwapOperator;
import dev.trustgate.domain.CommandResult;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.SimSwapCheck;
import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link RecordReauthenticationResultUseCase}, through {@link ContactCommands}. When the business number asks for it
 * ({@code BusinessNumber.simSwapCheckHours}), a pass is first checked with the mobile operator — outside any
 * transaction, a network call holds no row: the first attempt ends without a change when it finds the check wanted —
 * and recorded with the check as evidence
 * ({@code "simSwappedWithinHours":"false"}); a customer whose SIM was swapped within those hours does not pass: the
 * result is recorded as failed, since a one-time code sent to that number may have reached whoever holds the new SIM.
 */
public final class RecordReauthenticationResultService implements RecordReauthenticationResultUseCase {

    private final ContactCommands commands;
    private final Clock clock;
    private final SimSwapOperator operator;

    public RecordReauthenticationResultService(ContactCommands commands, Clock clock, SimSwapOperator operator) {
        this.commands = commands;
        this.clock = clock;
        this.operator = operator;
    }

    /** How many times the operator is asked when the policy or the customer's number changes while it answers. */
    private static final int CHECK_ATTEMPTS = 3;

    /** The operator's answer about {@code number}. */
    private record Checked(WaId number, SimSwapCheck check) {
    }

    @Override
    public ContactCommandResult record(Command command) {
        Optional<Checked> checked = Optional.empty();
        for (int attempt = 0; attempt <= CHECK_ATTEMPTS; attempt++) {
            try {
                return record(command, checked);
            } catch (CheckNeeded needed) {
                // nothing changed: ask the operator, outside any transaction, then record with the answer, which counts
                // only while the policy's hours and the customer's number are still those it answered about
                WaId number = needed.number.orElseThrow(() -> new TrustgateException(ErrorCode.CONFLICT, "the business number asks the "
                        + "mobile operator about SIM swaps before a re-authentication passes, and this customer has no known phone number"));
                checked = Optional.of(new Checked(number, new SimSwapCheck(needed.hours, operator.swappedWithin(number, needed.hours))));
            }
        }
        throw new TrustgateException(ErrorCode.CONFLICT, "the SIM-swap policy or the customer's number kept changing while the mobile "
                + "operator was asked; nothing was recorded, try again");
    }

    private ContactCommandResult record(Command command, Optional<Checked> checked) {
        return commands.execute(command.caller(), command.contact(), (contact, business) -> {
            Instant now = clock.now();
            Optional<SimSwapCheck> check = checked.filter(c -> c.check().maxAgeHours() == business.simSwapCheckHours()
                    && contact.names().waId().equals(Optional.of(c.number()))).map(Checked::check);
            if (command.succeeded() && business.checksSimSwaps() && check.isEmpty()) {
                CommandResult unchecked = contact.reauthenticationResult(command.reauthentication(), true, command.evidence(),
                        command.caller().actor(), now);
                if (unchecked instanceof CommandResult.Rejected) {
                    return unchecked; // refused whatever the operator would say
                }
                throw new CheckNeeded(business.simSwapCheckHours(), contact.names().waId());
            }
            Evidence evidence = check.map(command.evidence()::withSimSwapCheck).orElse(command.evidence());
            boolean passed = command.succeeded() && check.filter(SimSwapCheck::swapped).isEmpty();
            return contact.reauthenticationResult(command.reauthentication(), passed, evidence, command.caller().actor(), now);
        });
    }

    /** A pass the business number wants checked with the operator first: ends the transaction without a change. */
    private static final class CheckNeeded extends RuntimeException {
        private final int hours;
        private final Optional<WaId> number;

        CheckNeeded(int hours, Optional<WaId> number) {
            super(null, null, false, false);
            this.hours = hours;
            this.number = number;
        }
    }
}
