package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.AuditChain;
import dev.trustgate.application.fakes.InMemoryEventLog;
import dev.trustgate.application.port.out.EventLog.AuditVerification;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BlockReason;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.ContactRef;
import dev.trustgate.domain.ParentUserId;
import dev.trustgate.domain.UserId;
import dev.trustgate.domain.WaId;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.Fixtures;
import dev.trustgate.domain.TrustEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass(name = "{0}")
@MethodSource("dev.trustgate.adapters.persistence.Storages#kinds")
class EventLogContractTest extends StorageContract {

    EventLogContractTest() {
        super("events");
    }

    static final ContactRef A1 = ref("111", "ct_1", ContactNames.of(new WaId("4915100000001")));
    static final ContactRef A2 = ref("111", "ct_2", ContactNames.of(new UserId("DE.4915100000002"),
            new ParentUserId("DE.ENT.77")));
    static final ContactRef B1 = ref("222", "ct_1", ContactNames.of(new WaId("4915100000001")));

    static ContactRef ref(String business, String contactId, ContactNames names) {
        return new ContactRef(ContactKey.of(business, contactId), names);
    }

    static TrustEvent event(ContactRef key, int second) {
        return new TrustEvent.TrustEstablished(key, Fixtures.t(second), new Actor("key_a"), Optional.of(Fixtures.H1),
                new Evidence("otp", "CASE-" + second, "Dana \"the\" operator", "ünïcødé ✓"));
    }

    List<RecordedEvent> append(ContactRef key, TrustEvent... events) {
        return storage.tx(() -> storage.events().append(key.business(), List.of(events)));
    }

    @Test
    void sequencesCountPerBusinessNumberFromOneAndChainTheirHashes() {
        List<RecordedEvent> first = append(A1, event(A1, 1), event(A1, 2));
        append(B1, event(B1, 3));
        List<RecordedEvent> third = append(A2, event(A2, 4));

        assertThat(first).extracting(RecordedEvent::sequence).containsExactly(1L, 2L);
        assertThat(first.get(0).previousHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(first.get(1).previousHash()).isEqualTo(first.get(0).hash());
        assertThat(third.get(0).sequence()).isEqualTo(3);
        assertThat(third.get(0).previousHash()).isEqualTo(first.get(1).hash());
        assertThat(storage.tx(() -> storage.events().read(B1.business(), 0, 10))).singleElement()
                .satisfies(e -> assertThat(e.sequence()).isEqualTo(1));
    }

    @Test
    void readsBackExactlyWhatWasAppended() {
        List<RecordedEvent> appended = append(A1, event(A1, 1), new TrustEvent.MessageBlocked(A1, Fixtures.t(2),
                new Actor("key_b"), BlockReason.NOT_TRUSTED, true));

        assertThat(storage.tx(() -> storage.events().read(A1.business(), 0, 100))).isEqualTo(appended);
        assertThat(appended.get(0).data()).containsEntry("operator", "Dana \"the\" operator")
                .containsEntry("evidence", "ünïcødé ✓");
    }

    @Test
    void readsAfterACursorWithALimit() {
        IntStream.rangeClosed(1, 7).forEach(i -> append(i % 2 == 0 ? A2 : A1, event(A1, i)));

        assertThat(storage.tx(() -> storage.events().read(A1.business(), 3, 2))).extracting(RecordedEvent::sequence)
                .containsExactly(4L, 5L);
        assertThat(storage.tx(() -> storage.events().read(A1.business(), 7, 100))).isEmpty();
        assertThat(storage.tx(() -> storage.events().readContact(List.of(A1.key()), 2))).extracting(RecordedEvent::sequence)
                .containsExactly(7L, 6L);
    }

    @Test
    void theHeadIsTheNewestSequenceOfItsBusinessOnly() {
        assertThat(storage.tx(() -> storage.events().head(A1.business()))).isZero();
        append(A1, event(A1, 1), event(A1, 2));
        append(B1, event(B1, 3));

        assertThat(storage.tx(() -> storage.events().head(A1.business()))).isEqualTo(2);
        assertThat(storage.tx(() -> storage.events().head(B1.business()))).isEqualTo(1);
    }

    @Test
    void anUntouchedChainVerifies() {
        IntStream.rangeClosed(1, 5).forEach(i -> append(A1, event(A1, i)));

        assertThat(storage.tx(() -> storage.events().verify(A1.business()))).isEqualTo(new AuditVerification(true, 5, null));
        assertThat(storage.tx(() -> storage.events().verify(new BusinessNumberId("333"))))
                .isEqualTo(new AuditVerification(true, 0, null));
    }

    @Test
    void anEditedRowIsReportedAsTheFirstBrokenLink() {
        IntStream.rangeClosed(1, 5).forEach(i -> append(A1, event(A1, i)));

        if (storage.isDatabase()) {
            storage.execute("UPDATE events SET data = '{\"identityHash\":\"forged\"}' WHERE phone_number_id = '111' AND sequence = 3");
        } else {
            RecordedEvent original = storage.events().read(A1.business(), 2, 1).get(0);
            ((InMemoryEventLog) storage.events()).tamper(A1.business(), 3, new RecordedEvent(3, original.type(),
                    original.contact(), original.at(), original.actor(), Map.of("identityHash", "forged"),
                    original.previousHash(), original.hash(), original.format()));
        }

        assertThat(storage.tx(() -> storage.events().verify(A1.business()))).isEqualTo(new AuditVerification(false, 3, 3L));
    }

    @Test
    void aDeletedRowBreaksTheChainToo() {
        if (!storage.isDatabase()) {
            return;
        }
        IntStream.rangeClosed(1, 4).forEach(i -> append(A1, event(A1, i)));
        storage.execute("DELETE FROM events WHERE phone_number_id = '111' AND sequence = 2");

        assertThat(storage.tx(() -> storage.events().verify(A1.business())).firstBrokenSequence()).isEqualTo(3L);
    }
}
