package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.port.out.ConcurrentUpdateException;
import dev.trustgate.application.port.out.ContactStore.Page;
import dev.trustgate.domain.AcknowledgementPolicy;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.ParentUserId;
import dev.trustgate.domain.UserId;
import dev.trustgate.domain.WaId;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.Fixtures;
import dev.trustgate.domain.TrustState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass(name = "{0}")
@MethodSource("dev.trustgate.adapters.persistence.Storages#kinds")
class ContactStoreContractTest extends StorageContract {

    ContactStoreContractTest() {
        super("contacts");
    }

    static ContactTrust asFirstVersion(ContactTrust c, ContactKey key) {
        return new ContactTrust(key, c.names(), c.state(), c.identityHash(), c.identityAsOf(), c.pinnedHash(), c.verifiedHash(),
                c.pendingChange(), c.reauthentication(), 1, c.updatedAt(), c.identityOnFirstUse());
    }

    static final WaId WA_ID = new WaId("16505551234");
    static final UserId USER = new UserId("US.13491208655302741918");
    static final UserId UNKNOWN = new UserId("US.1");

    @Test
    void everyStateRoundTripsUnchanged() {
        ContactTrust fourEyesHalfway = Fixtures.changed(Fixtures.reauthenticationPassed().acknowledge(Fixtures.H2,
                Fixtures.ALICE, Evidence.NONE, Fixtures.optedIn(AcknowledgementPolicy.FOUR_EYES), Fixtures.t(60)));
        List<ContactTrust> contacts = List.of(ContactTrust.newContact(Fixtures.KEY, Fixtures.NAMES), Fixtures.unverified(),
                Fixtures.trusted(), Fixtures.identityChanged(), Fixtures.identityChangedUnknown(),
                Fixtures.reauthenticating(), Fixtures.reauthenticationPassed(), Fixtures.acknowledged(), fourEyesHalfway);
        for (int i = 0; i < contacts.size(); i++) {
            ContactTrust contact = asFirstVersion(contacts.get(i), ContactKey.of("106540352242922", "ct_" + i));
            storage.tx(() -> {
                storage.contacts().save(contact);
                return null;
            });
            assertThat(storage.tx(() -> storage.contacts().find(contact.key()))).contains(contact);
            assertThat(storage.tx(() -> storage.contacts().findForUpdate(contact.key()))).contains(contact);
        }
    }

    @Test
    void aWriteBasedOnAStaleVersionIsRefused() {
        ContactTrust v1 = asFirstVersion(Fixtures.unverified(), Fixtures.KEY);
        storage.tx(() -> {
            storage.contacts().save(v1);
            return null;
        });
        ContactTrust v2 = Fixtures.changed(v1.authenticated(Fixtures.ALICE, Evidence.NONE, Fixtures.t(20)));
        storage.tx(() -> {
            storage.contacts().save(v2);
            return null;
        });

        assertThatThrownBy(() -> storage.tx(() -> {
            storage.contacts().save(v1);
            return null;
        })).isInstanceOf(ConcurrentUpdateException.class);
        ContactTrust otherV2 = Fixtures.changed(v1.revokeTrust(Fixtures.BOB, "x", Fixtures.t(21)));
        assertThatThrownBy(() -> storage.tx(() -> {
            storage.contacts().save(otherV2);
            return null;
        })).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(storage.tx(() -> storage.contacts().find(Fixtures.KEY))).contains(v2);
    }

    @Test
    void aContactTrustgateNeverSawIsAbsent() {
        assertThat(storage.tx(() -> storage.contacts().find(Fixtures.KEY))).isEmpty();
    }

    @Test
    void listingPagesInContactIdOrderAndFiltersByState() {
        IntStream.range(0, 5).forEach(i -> storage.tx(() -> {
            ContactTrust c = i % 2 == 0 ? Fixtures.identityChanged() : Fixtures.trusted();
            storage.contacts().save(asFirstVersion(c, ContactKey.of("106540352242922", "ct_a" + i)));
            return null;
        }));
        storage.tx(() -> {
            storage.contacts().save(asFirstVersion(Fixtures.identityChanged(), ContactKey.of("999", "ct_a9")));
            return null;
        });

        Page<ContactTrust> first = storage.tx(() -> storage.contacts().list(Fixtures.KEY.business(), Optional.empty(),
                Optional.empty(), 2));
        assertThat(first.items()).extracting(c -> c.key().id().value()).containsExactly("ct_a0", "ct_a1");
        Page<ContactTrust> second = storage.tx(() -> storage.contacts().list(Fixtures.KEY.business(), Optional.empty(),
                first.next(), 10));
        assertThat(second.items()).hasSize(3);
        assertThat(second.next()).isEmpty();

        Page<ContactTrust> blocked = storage.tx(() -> storage.contacts().list(Fixtures.KEY.business(),
                Optional.of(TrustState.IDENTITY_CHANGED), Optional.empty(), 10));
        assertThat(blocked.items()).extracting(c -> c.key().id().value())
                .containsExactly("ct_a0", "ct_a2", "ct_a4");
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() {
        assertThatThrownBy(() -> storage.tx(() -> {
            storage.contacts().save(asFirstVersion(Fixtures.unverified(), Fixtures.KEY));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(storage.tx(() -> storage.contacts().find(Fixtures.KEY))).isEmpty();
    }

    @Test
    void aNameBelongsToOneContactOfABusinessAndLeadsToIt() {
        ContactKey other = ContactKey.of("106540352242922", "ct_2");
        ContactKey elsewhere = ContactKey.of("999", "ct_3");
        storage.tx(() -> {
            storage.contacts().save(asFirstVersion(Fixtures.unverified(), Fixtures.KEY));
            storage.contacts().save(asFirstVersion(Fixtures.unverified(), other));
            storage.contacts().save(asFirstVersion(Fixtures.unverified(), elsewhere));
            storage.contacts().link(Fixtures.KEY, WA_ID, Fixtures.T0);
            storage.contacts().link(Fixtures.KEY, USER, Fixtures.T0);
            storage.contacts().link(Fixtures.KEY, USER, Fixtures.T0);
            storage.contacts().link(elsewhere, WA_ID, Fixtures.T0);
            return null;
        });

        assertThat(storage.tx(() -> storage.contacts().resolve(Fixtures.KEY.business(), List.of(WA_ID, USER, UNKNOWN))))
                .containsOnly(Map.entry(WA_ID, Fixtures.KEY), Map.entry(USER, Fixtures.KEY));
        assertThat(storage.tx(() -> storage.contacts().names(Fixtures.KEY))).containsExactlyInAnyOrder(WA_ID, USER);
        assertThatThrownBy(() -> storage.tx(() -> {
            storage.contacts().link(other, USER, Fixtures.T0);
            return null;
        })).as("a name is never moved to another contact silently").isInstanceOf(ConcurrentUpdateException.class);

        storage.tx(() -> {
            storage.contacts().unlink(Fixtures.KEY.business(), WA_ID);
            storage.contacts().link(other, WA_ID, Fixtures.T0);
            return null;
        });
        assertThat(storage.tx(() -> storage.contacts().resolve(Fixtures.KEY.business(), List.of(WA_ID))))
                .containsEntry(WA_ID, other);
        assertThat(storage.tx(() -> storage.contacts().resolve(elsewhere.business(), List.of(WA_ID))))
                .as("names of other business numbers are theirs").containsEntry(WA_ID, elsewhere);
    }

    @Test
    void userIdsMatchExactlyWithTheirCase() {
        UserId lower = new UserId("US.13491208655302741918ab");
        UserId upper = new UserId("US.13491208655302741918AB");
        storage.tx(() -> {
            storage.contacts().save(asFirstVersion(Fixtures.unverified(), Fixtures.KEY));
            storage.contacts().link(Fixtures.KEY, lower, Fixtures.T0);
            return null;
        });

        assertThat(storage.tx(() -> storage.contacts().resolve(Fixtures.KEY.business(), List.of(upper)))).isEmpty();
    }

    @Test
    void aMergedAwayContactIsRetiredWithItsNamesOnlyAtTheVersionItWasReadAndLeadsToTheSurvivor() {
        ContactTrust contact = asFirstVersion(Fixtures.unverified(), Fixtures.KEY);
        storage.tx(() -> {
            storage.contacts().save(contact);
            storage.contacts().link(Fixtures.KEY, WA_ID, Fixtures.T0);
            return null;
        });
        ContactTrust later = Fixtures.changed(contact.authenticated(Fixtures.ALICE, Evidence.NONE, Fixtures.t(30)));
        storage.tx(() -> {
            storage.contacts().save(later);
            return null;
        });

        ContactKey survivor = ContactKey.of("106540352242922", "ct_2");
        assertThatThrownBy(() -> storage.tx(() -> {
            storage.contacts().mergeInto(contact, survivor);
            return null;
        })).isInstanceOf(ConcurrentUpdateException.class);
        storage.tx(() -> {
            storage.contacts().mergeInto(later, survivor);
            return null;
        });
        assertThat(storage.tx(() -> storage.contacts().find(Fixtures.KEY))).isEmpty();
        assertThat(storage.tx(() -> storage.contacts().findForUpdate(Fixtures.KEY))).isEmpty();
        assertThat(storage.tx(() -> storage.contacts().resolve(Fixtures.KEY.business(), List.of(WA_ID)))).isEmpty();
        assertThat(storage.tx(() -> storage.contacts().mergedInto(Fixtures.KEY))).contains(survivor);
        assertThat(storage.tx(() -> storage.contacts().absorbedBy(survivor))).containsExactly(Fixtures.KEY);
        assertThat(storage.tx(() -> storage.contacts().list(Fixtures.KEY.business(), Optional.empty(), Optional.empty(), 10))
                .items()).isEmpty();
    }

    @Test
    void aNumberLeftBehindRemembersWhoLeftItAndWhen() {
        ContactKey movedTo = ContactKey.of("106540352242922", "ct_moved");
        storage.tx(() -> {
            storage.contacts().save(asFirstVersion(Fixtures.unverified(), Fixtures.KEY));
            storage.contacts().recordDeparture(Fixtures.KEY, movedTo, Fixtures.t(300));
            return null;
        });

        assertThat(storage.tx(() -> storage.contacts().departure(Fixtures.KEY)))
                .contains(new dev.trustgate.application.port.out.ContactStore.Departure(movedTo, Fixtures.t(300)));
        assertThat(storage.tx(() -> storage.contacts().departure(movedTo))).isEmpty();
    }

    @Test
    void everyKindOfNameRoundTripsAsTheContactsCurrentNames() {
        ContactNames names = ContactNames.of(WA_ID, USER, new ParentUserId("US.ENT.11815799212886844830"));
        ContactTrust contact = asFirstVersion(Fixtures.changed(Fixtures.unverified().learnNames(names, Fixtures.t(11))),
                Fixtures.KEY);

        storage.tx(() -> {
            storage.contacts().save(contact);
            return null;
        });

        assertThat(storage.tx(() -> storage.contacts().find(Fixtures.KEY))).get().extracting(ContactTrust::names).isEqualTo(names);
    }
}
