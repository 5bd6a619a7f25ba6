package dev.trustgate.application.service;

import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.RecordSimSwapNoticeUseCase;
import dev.trustgate.application.port.out.BusinessStore;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.IdGenerator;
import dev.trustgate.application.port.out.SimSwapNotice;
import dev.trustgate.application.port.out.SimSwapStore;
import dev.trustgate.application.port.out.SimSwapSubscription;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.ChangeId;
import dev.trustgate.domain.CommandResult;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.CustomerName;
import dev.trustgate.domain.PhoneAliases;
import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link RecordSimSwapNoticeUseCase}: in one transaction, the notice is recorded once by its source and id; a SIM swap
 * is applied to the contact its number names among the subscription's business number's customers (by any spelling
 * of the number, as every name is: DESIGN §4), created when nobody has it, under that number's SIM-swap policy, and
 * its events are published as every command's are; a lifecycle notice moves the subscription's status unless an
 * older one than the status it has.
 */
public final class RecordSimSwapNoticeService implements RecordSimSwapNoticeUseCase {

    private final Transactions transactions;
    private final Contacts contacts;
    private final BusinessStore businesses;
    private final SimSwapStore store;
    private final IdGenerator ids;
    private final Clock clock;

    public RecordSimSwapNoticeService(Transactions transactions, Contacts contacts, BusinessStore businesses, SimSwapStore store,
                                      IdGenerator ids, Clock clock) {
        this.transactions = transactions;
        this.contacts = contacts;
        this.businesses = businesses;
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Outcome record(Notice notice) {
        return transactions.inTransaction(() -> {
            Instant now = clock.now();
            SimSwapSubscription subscription = store.subscription(notice.subscriptionId())
                    .orElseThrow(() -> TrustgateException.notFound("SIM-swap subscription"));
            if (notice.phoneNumber().filter(number -> !PhoneAliases.same(number, subscription.phoneNumber())).isPresent()) {
                throw new IllegalArgumentException("data.phoneNumber is not the number SIM-swap subscription " + subscription.id()
                        + " watches");
            }
            // a notice dated later than its receipt (an operator's clock ahead) counts as of its receipt: its date never
            // hides a later swap or status behind it
            Instant asOf = notice.time().isAfter(now) ? now : notice.time();
            if (!store.record(new SimSwapNotice(notice.source(), notice.id(), subscription.business(), subscription.id(),
                    notice.type(), notice.time(), now))) {
                return Outcome.DUPLICATE;
            }
            return switch (notice.kind()) {
                case SWAPPED -> swapped(subscription, asOf, now);
                case SUBSCRIPTION_STARTED -> lifecycle(subscription, SimSwapSubscription.Status.ACTIVE, notice, asOf);
                case SUBSCRIPTION_UPDATED -> lifecycle(subscription, notice.reason().filter("SUBSCRIPTION_INACTIVE"::equals).isPresent()
                        ? SimSwapSubscription.Status.INACTIVE : SimSwapSubscription.Status.ACTIVE, notice, asOf);
                case SUBSCRIPTION_ENDED -> lifecycle(subscription, SimSwapSubscription.Status.ENDED, notice, asOf);
            };
        });
    }

    /**
     * The swap concerns the phone line, so every contact of the business known by a spelling of the number is affected
     * (fail closed, as the gate decides on every contact a send's names resolve to); the operator's spelling is matched,
     * never learned as a name. A number nobody has becomes a contact of its own, so a later send to it is decided with
     * the swap known.
     */
    private Outcome swapped(SimSwapSubscription subscription, Instant asOf, Instant now) {
        WaId number = subscription.phoneNumber();
        BusinessNumber business = businesses.findOrUnknown(subscription.business());
        List<CustomerName> spellings = List.copyOf(PhoneAliases.of(number));
        List<ContactTrust> known = contacts.lock(subscription.business(), spellings).contacts();
        List<Contacts.Attached> affected = known.isEmpty()
                ? List.of(contacts.attach(subscription.business(), List.of(number), ContactNames.of(number), business, now, asOf))
                : known.stream().map(contact -> new Contacts.Attached(contact, false)).toList();
        boolean applied = false;
        for (Contacts.Attached attached : affected) {
            CommandResult result = attached.contact().simSwapped(asOf, store.lastApplied(attached.contact().key()),
                    new ChangeId(ids.newId("chg")), business, now);
            if (contacts.finish(attached, result, now)) {
                store.applied(attached.contact().key(), asOf);
                applied = true;
            }
        }
        return applied ? Outcome.APPLIED : Outcome.IGNORED;
    }

    private Outcome lifecycle(SimSwapSubscription subscription, SimSwapSubscription.Status status, Notice notice, Instant asOf) {
        if (asOf.isAfter(subscription.statusAt())) {
            store.save(subscription.with(status, notice.reason(), asOf));
        }
        return Outcome.RECORDED;
    }
}
