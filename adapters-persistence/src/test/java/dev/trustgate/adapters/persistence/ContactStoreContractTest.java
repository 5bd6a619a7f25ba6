package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.port.out.ConcurrentUpdateException;
import dev.trustgate.application.port.out.ContactStore.Page;
import dev.trustgate.domain.AcknowledgementPolicy;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.Fixtures;
import dev.trustgate.domain.TrustState;
import java.util.List;
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
        return new ContactTrust(key, c.state(), c.identityHash(), c.identityAsOf(), c.pinnedHash(), c.verifiedHash(),
                c.pendingChange(), c.reauthentication(), 1, c.updatedAt(), c.identityOnFirstUse());
    }

    @Test
    void everyStateRoundTripsUnchanged() {
        ContactTrust fourEyesHalfway = Fixtures.changed(Fixtures.reauthenticationPassed().acknowledge(Fixtures.H2,
                Fixtures.ALICE, Evidence.NONE, Fixtures.optedIn(AcknowledgementPolicy.FOUR_EYES), Fixtures.t(60)));
        List<ContactTrust> contacts = List.of(ContactTrust.newContact(Fixtures.KEY), Fixtures.unverified(),
                Fixtures.trusted(), Fixtures.identityChanged(), Fixtures.identityChangedUnknown(),
                Fixtures.reauthenticating(), Fixtures.reauthenticationPassed(), Fixtures.acknowledged(), fourEyesHalfway);
        for (int i = 0; i < contacts.size(); i++) {
            ContactTrust contact = asFirstVersion(contacts.get(i), ContactKey.of("106540352242922", "4900000000" + i));
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
    void listingPagesInWaIdOrderAndFiltersByState() {
        IntStream.range(0, 5).forEach(i -> storage.tx(() -> {
            ContactTrust c = i % 2 == 0 ? Fixtures.identityChanged() : Fixtures.trusted();
            storage.contacts().save(asFirstVersion(c, ContactKey.of("106540352242922", "4915100000" + i)));
            return null;
        }));
        storage.tx(() -> {
            storage.contacts().save(asFirstVersion(Fixtures.identityChanged(), ContactKey.of("999", "4915100000" + 9)));
            return null;
        });

        Page<ContactTrust> first = storage.tx(() -> storage.contacts().list(Fixtures.KEY.business(), Optional.empty(),
                Optional.empty(), 2));
        assertThat(first.items()).extracting(c -> c.key().waId().value()).containsExactly("49151000000", "49151000001");
        Page<ContactTrust> second = storage.tx(() -> storage.contacts().list(Fixtures.KEY.business(), Optional.empty(),
                first.next(), 10));
        assertThat(second.items()).hasSize(3);
        assertThat(second.next()).isEmpty();

        Page<ContactTrust> blocked = storage.tx(() -> storage.contacts().list(Fixtures.KEY.business(),
                Optional.of(TrustState.IDENTITY_CHANGED), Optional.empty(), 10));
        assertThat(blocked.items()).extracting(c -> c.key().waId().value())
                .containsExactly("49151000000", "49151000002", "49151000004");
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() {
        assertThatThrownBy(() -> storage.tx(() -> {
            storage.contacts().save(asFirstVersion(Fixtures.unverified(), Fixtures.KEY));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(storage.tx(() -> storage.contacts().find(Fixtures.KEY))).isEmpty();
    }
}
