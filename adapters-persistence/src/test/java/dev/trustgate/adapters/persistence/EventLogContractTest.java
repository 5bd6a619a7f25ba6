package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.AuditChain;
import dev.trustgate.application.fakes.InMemoryEventLog;
import dev.trustgate.application.port.out.EventLog.AuditVerification;
import dev.trustgate.application.port.out.EventLog.AuditVerification.Problem;
import dev.trustgate.application.port.out.EventLog.Head;
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

        assertThat(verify(A1)).isEqualTo(AuditVerification.intact(5));
        assertThat(storage.tx(() -> storage.events().verify(new BusinessNumberId("333")))).isEqualTo(AuditVerification.intact(0));
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

        assertThat(verify(A1)).isEqualTo(AuditVerification.broken(3, 3, Problem.EDITED));
    }

    @Test
    void aDeletedRowBreaksTheChainToo() {
        IntStream.rangeClosed(1, 4).forEach(i -> append(A1, event(A1, i)));
        deleteBehindTheLogsBack(A1, 2);

        assertThat(verify(A1)).as("sequence 2 is missing; found reading the second row, #3")
                .isEqualTo(AuditVerification.broken(2, 2, Problem.MISSING));
    }

    @Test
    void deletingTheNewestEventsIsReportedAsATruncatedChain() {
        IntStream.rangeClosed(1, 5).forEach(i -> append(A1, event(A1, i)));
        append(B1, event(B1, 6), event(B1, 7));
        deleteBehindTheLogsBack(A1, 4, 5);

        assertThat(verify(A1)).isEqualTo(AuditVerification.broken(3, 4, Problem.TRUNCATED));
        assertThat(verify(B1)).as("another business's chain").isEqualTo(AuditVerification.intact(2));
    }

    @Test
    void deletingEveryEventOfABusinessIsReportedAsATruncatedChain() {
        IntStream.rangeClosed(1, 3).forEach(i -> append(A1, event(A1, i)));
        deleteBehindTheLogsBack(A1, 1, 2, 3);

        assertThat(verify(A1)).isEqualTo(AuditVerification.broken(0, 1, Problem.TRUNCATED));
    }

    @Test
    void theNewestEventEditedAndResealedIsCaughtByTheHead() {
        IntStream.rangeClosed(1, 5).forEach(i -> append(A1, event(A1, i)));
        resealBehindTheLogsBack(A1, 5, Map.of("identityHash", "forged"));

        assertThat(verify(A1)).isEqualTo(AuditVerification.broken(5, 5, Problem.HEAD_MISMATCH));
    }

    @Test
    void anEventEditedAndResealedInTheMiddleBreaksTheNextLink() {
        IntStream.rangeClosed(1, 5).forEach(i -> append(A1, event(A1, i)));
        resealBehindTheLogsBack(A1, 3, Map.of("identityHash", "forged"));

        assertThat(verify(A1)).isEqualTo(AuditVerification.broken(4, 4, Problem.EDITED));
    }

    @Test
    void eventsBeyondTheHeadAreReported() {
        List<RecordedEvent> appended = IntStream.rangeClosed(1, 5).mapToObj(i -> append(A1, event(A1, i)).get(0)).toList();
        moveHeadBehindTheLogsBack(A1, new Head(3, appended.get(2).hash()));

        assertThat(verify(A1)).isEqualTo(AuditVerification.broken(4, 4, Problem.HEAD_MISMATCH));
    }

    @Test
    void aChainWhoseHeadIsGoneIsReported() {
        IntStream.rangeClosed(1, 3).forEach(i -> append(A1, event(A1, i)));
        moveHeadBehindTheLogsBack(A1, null);

        assertThat(verify(A1)).isEqualTo(AuditVerification.broken(1, 1, Problem.HEAD_MISMATCH));
    }

    @Test
    void aHeadSetToANonsenseSequenceIsReportedNotRefused() {
        IntStream.rangeClosed(1, 2).forEach(i -> append(A1, event(A1, i)));
        moveHeadBehindTheLogsBack(A1, new Head(-1, "x"));

        assertThat(verify(A1)).isEqualTo(AuditVerification.broken(1, 1, Problem.HEAD_MISMATCH));
    }

    @Test
    void aRowThatNoLongerReadsAsAnEventIsReportedAsEdited() {
        if (!storage.isDatabase()) {
            return;
        }
        IntStream.rangeClosed(1, 4).forEach(i -> append(A1, event(A1, i)));
        storage.execute("UPDATE events SET data = 'not json' WHERE phone_number_id = '111' AND sequence = 2");

        assertThat(verify(A1)).isEqualTo(AuditVerification.broken(2, 2, Problem.EDITED));
    }

    @Test
    void verifyingWhileEventsAreAppendedNeverReportsABreak() throws Exception {
        append(A1, event(A1, 0));
        java.util.concurrent.ExecutorService appender = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<?> appending = appender.submit(() -> IntStream.rangeClosed(1, 200)
                    .forEach(i -> append(A1, event(A1, i), event(A1, i))));
            List<AuditVerification> seen = new java.util.ArrayList<>();
            while (!appending.isDone()) {
                seen.add(verify(A1));
            }
            appending.get();
            seen.add(verify(A1));
            assertThat(seen).allSatisfy(v -> assertThat(v.valid()).as("%s", v).isTrue());
            assertThat(seen.get(seen.size() - 1).checked()).isEqualTo(401);
        } finally {
            appender.shutdownNow();
        }
    }

    private AuditVerification verify(ContactRef contact) {
        return storage.tx(() -> storage.events().verify(contact.business()));
    }

    /** Deletes events of {@code contact}'s business behind the log's back, as someone with database access could. */
    private void deleteBehindTheLogsBack(ContactRef contact, long... sequences) {
        for (long sequence : sequences) {
            if (storage.isDatabase()) {
                storage.execute("DELETE FROM events WHERE phone_number_id = '" + contact.business().value() + "' AND sequence = "
                        + sequence);
            } else {
                ((InMemoryEventLog) storage.events()).delete(contact.business(), sequence);
            }
        }
    }

    /** Changes an event's data and seals it again with a correct hash of its new content, behind the log's back. */
    private void resealBehindTheLogsBack(ContactRef contact, long sequence, Map<String, String> data) {
        RecordedEvent original = storage.tx(() -> storage.events().read(contact.business(), sequence - 1, 1)).get(0);
        RecordedEvent unsealed = new RecordedEvent(sequence, original.type(), original.contact(), original.at(), original.actor(),
                data, original.previousHash(), "", original.format());
        RecordedEvent resealed = new RecordedEvent(sequence, unsealed.type(), unsealed.contact(), unsealed.at(), unsealed.actor(),
                data, unsealed.previousHash(), AuditChain.hash(unsealed), unsealed.format());
        if (storage.isDatabase()) {
            storage.execute("UPDATE events SET data = '" + Columns.json(data) + "', hash = '" + resealed.hash()
                    + "' WHERE phone_number_id = '" + contact.business().value() + "' AND sequence = " + sequence);
        } else {
            ((InMemoryEventLog) storage.events()).tamper(contact.business(), sequence, resealed);
        }
    }

    /** Sets the business's chain head behind the log's back; {@code null} deletes it. */
    private void moveHeadBehindTheLogsBack(ContactRef contact, Head head) {
        String business = contact.business().value();
        if (!storage.isDatabase()) {
            ((InMemoryEventLog) storage.events()).moveHead(contact.business(), head);
        } else if (head == null) {
            storage.execute("DELETE FROM event_heads WHERE phone_number_id = '" + business + "'");
        } else {
            storage.execute("UPDATE event_heads SET last_sequence = " + head.sequence() + ", last_hash = '" + head.hash()
                    + "' WHERE phone_number_id = '" + business + "'");
        }
    }

    @Test
    void appendsOfOneTransactionContinueOneChain() {
        append(A1, event(A1, 1));

        List<List<RecordedEvent>> appended = storage.tx(() -> List.of(
                storage.events().append(A1.business(), List.of(event(A1, 2))),
                storage.events().append(B1.business(), List.of(event(B1, 3))),
                storage.events().append(A2.business(), List.of(event(A2, 4), event(A2, 5)))));

        assertThat(appended.get(0)).extracting(RecordedEvent::sequence).containsExactly(2L);
        assertThat(appended.get(2)).extracting(RecordedEvent::sequence).containsExactly(3L, 4L);
        assertThat(appended.get(2).get(0).previousHash()).isEqualTo(appended.get(0).get(0).hash());
        assertThat(storage.tx(() -> storage.events().head(A1.business()))).isEqualTo(4);
        assertThat(storage.tx(() -> storage.events().verify(A1.business())).valid()).isTrue();
        assertThat(storage.tx(() -> storage.events().verify(B1.business())).checked()).isEqualTo(1);
    }

    @Test
    void aRolledBackTransactionLeavesNoTraceInTheNextOnesChain() {
        append(A1, event(A1, 1));
        try {
            storage.tx(() -> {
                storage.events().append(A1.business(), List.of(event(A1, 2), event(A1, 3)));
                throw new IllegalStateException("the work failed after appending");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }

        List<RecordedEvent> next = append(A1, event(A1, 4));

        assertThat(next).extracting(RecordedEvent::sequence).containsExactly(2L);
        assertThat(storage.tx(() -> storage.events().verify(A1.business())).valid()).isTrue();
    }
}
