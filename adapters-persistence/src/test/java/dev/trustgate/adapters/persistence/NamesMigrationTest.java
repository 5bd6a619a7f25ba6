package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trustgate.application.AuditChain;
import dev.trustgate.application.port.out.EventLog.AuditVerification;
import dev.trustgate.application.port.out.OutboxEntry;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.ContactRef;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.Fixtures;
import dev.trustgate.domain.HeldMessage;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.TrustEvent;
import dev.trustgate.domain.TrustState;
import dev.trustgate.domain.WaId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A database populated at the schema before contacts had names (every contact keyed by its wa_id) is migrated:
 * every contact, event, hash-chain link, sent and held message and queued delivery is still there, now under a
 * contact id with the wa_id as its first name, and the audit chain goes on verifying across the change.
 */
class NamesMigrationTest {

    private static final String BUSINESS = "106540352242922";
    /** The contacts table before names: every column of the domain record, keyed by wa_id. */
    private static final List<ContactTrust> BEFORE = List.of(Fixtures.unverified(), Fixtures.trusted(), Fixtures.identityChanged(),
            Fixtures.identityChangedUnknown(), Fixtures.reauthenticating(), Fixtures.reauthenticationPassed(), Fixtures.acknowledged());

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void everyContactEventAndChainLinkSurvivesTheMigrationToNames(String vendor) throws SQLException {
        DatabaseSettings settings = vendor.equals("H2")
                ? DatabaseSettings.of("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "")
                : EmbeddedPostgresServer.settings("names_migration");
        try (HikariDataSource pool = JdbiStorage.pool(settings)) {
            migrateToTheSchemaBeforeNames(pool);
            Map<String, ContactTrust> contacts = new LinkedHashMap<>();
            List<String> hashes = new ArrayList<>();
            try (Connection c = pool.getConnection()) {
                for (int i = 0; i < BEFORE.size(); i++) {
                    String waId = "4915100000" + i;
                    contacts.put(waId, BEFORE.get(i));
                    insertContact(c, waId, BEFORE.get(i));
                }
                // a chain of events, the last one about a customer only a blocked send ever named
                String previous = AuditChain.GENESIS;
                List<String> named = new ArrayList<>(contacts.keySet());
                named.add("4915199999999");
                for (int sequence = 1; sequence <= named.size(); sequence++) {
                    RecordedEvent event = legacyEvent(sequence, named.get(sequence - 1), previous);
                    insertEvent(c, event, named.get(sequence - 1));
                    hashes.add(event.hash());
                    previous = event.hash();
                }
                execute(c, "INSERT INTO event_heads (phone_number_id, last_sequence, last_hash) VALUES (?, ?, ?)",
                        BUSINESS, (long) named.size(), previous);
                execute(c, "INSERT INTO sent_messages (id, phone_number_id, wa_id, pin, sensitive, decided_at, status, "
                        + "whatsapp_message_id) VALUES ('msg_1', ?, '49151000001', ?, TRUE, ?, 'SENT', 'wamid.1')",
                        BUSINESS, Fixtures.H1.value(), time(Fixtures.t(5)));
                execute(c, "INSERT INTO held_messages (id, phone_number_id, wa_id, body, sensitive, reason, held_at, status) "
                        + "VALUES ('held_1', ?, '49151000002', '{\"type\":\"text\"}', FALSE, 'IDENTITY_CHANGE_UNACKNOWLEDGED', ?, 'HELD')",
                        BUSINESS, time(Fixtures.t(6)));
                execute(c, "INSERT INTO outbox (id, phone_number_id, kind, destination, ordering_key, event_sequence, attempts, "
                        + "next_attempt_at, status, created_at) VALUES ('dlv_1', ?, 'EVENT', 'sub_1', '49151000002', 3, 0, ?, "
                        + "'PENDING', ?)", BUSINESS, time(Fixtures.t(7)), time(Fixtures.t(7)));
            }

            JdbiStorage.migrate(pool);

            JdbiStorage storage = JdbiStorage.on(pool);
            BusinessNumberId business = new BusinessNumberId(BUSINESS);
            Map<String, ContactKey> keys = new LinkedHashMap<>();
            contacts.forEach((waId, before) -> {
                WaId name = new WaId(waId);
                ContactKey key = storage.transactions.inTransaction(() -> storage.contacts.resolve(business, List.of(name)).get(name));
                assertThat(key).as("contact %s has its wa_id as a name", waId).isNotNull();
                keys.put(waId, key);
                ContactTrust after = storage.transactions.inTransaction(() -> storage.contacts.find(key)).orElseThrow();
                assertThat(after).isEqualTo(new ContactTrust(key, ContactNames.of(name), before.state(), before.identityHash(),
                        before.identityAsOf(), before.pinnedHash(), before.verifiedHash(), before.pendingChange(),
                        before.reauthentication(), before.version(), before.updatedAt(), before.identityOnFirstUse()));
            });
            assertThat(keys.values()).doesNotHaveDuplicates();
            WaId orphan = new WaId("4915199999999");
            ContactKey orphanKey = storage.transactions.inTransaction(() -> storage.contacts.resolve(business, List.of(orphan)).get(orphan));
            assertThat(storage.transactions.inTransaction(() -> storage.contacts.find(orphanKey))).get()
                    .extracting(ContactTrust::state).as("a customer only events named becomes a contact").isEqualTo(TrustState.UNVERIFIED);

            List<RecordedEvent> events = storage.transactions.inTransaction(() -> storage.events.read(business, 0, 100));
            assertThat(events).extracting(RecordedEvent::hash).containsExactlyElementsOf(hashes);
            assertThat(events).allSatisfy(e -> assertThat(e.format()).isEqualTo(RecordedEvent.WA_ID_FORMAT));
            for (RecordedEvent event : events) {
                String waId = event.contact().names().waId().orElseThrow().value();
                assertThat(event.contact().key()).isEqualTo(waId.equals(orphan.value()) ? orphanKey : keys.get(waId));
            }
            assertThat(storage.transactions.inTransaction(() -> storage.events.verify(business)))
                    .isEqualTo(AuditVerification.intact(hashes.size()));

            ContactKey first = keys.get("49151000000");
            storage.transactions.inTransaction(() -> storage.events.append(business, List.of(new TrustEvent.TrustRevoked(
                    new ContactRef(first, ContactNames.of(new WaId("49151000000"))), Fixtures.t(99), new Actor("key_a"),
                    TrustState.UNVERIFIED, "after the upgrade"))));
            assertThat(storage.transactions.inTransaction(() -> storage.events.verify(business)).valid())
                    .as("the chain goes on across the two formats").isTrue();
            assertThat(storage.transactions.inTransaction(() -> storage.events.readContact(List.of(first), 10)))
                    .extracting(RecordedEvent::sequence).containsExactly(9L, 1L);

            assertThat(storage.transactions.inTransaction(() -> storage.messages.findSentByWhatsAppId("wamid.1"))).get()
                    .satisfies(m -> assertThat(m.contact()).isEqualTo(keys.get("49151000001")));
            assertThat(storage.transactions.inTransaction(() -> storage.messages.listHeld(keys.get("49151000002"), Optional.empty(), 10)))
                    .singleElement().satisfies(h -> {
                        assertThat(h.recipient()).isEqualTo(Recipient.of(new WaId("49151000002")));
                        assertThat(h.status()).isEqualTo(HeldMessage.Status.HELD);
                    });
            assertThat(storage.transactions.inTransaction(() -> storage.outbox.find("dlv_1"))).get()
                    .extracting(OutboxEntry::orderingKey).isEqualTo(keys.get("49151000002").id().value());
        }
    }

    /** Migrates to the newest version before the one that gave contacts names (V6). */
    private static void migrateToTheSchemaBeforeNames(HikariDataSource pool) {
        String before = java.util.Arrays.stream(Flyway.configure().dataSource(pool).locations("classpath:db/migration/common")
                        .load().info().all())
                .map(m -> m.getVersion()).filter(v -> v.compareTo(MigrationVersion.fromVersion("6")) < 0)
                .max(java.util.Comparator.naturalOrder()).orElseThrow().getVersion();
        Flyway.configure().dataSource(pool).locations("classpath:db/migration/common").target(before).load().migrate();
    }

    private static RecordedEvent legacyEvent(long sequence, String waId, String previous) {
        TrustEvent.TrustEstablished event = new TrustEvent.TrustEstablished(new ContactRef(new ContactKey(
                new BusinessNumberId(BUSINESS), new ContactId("ct_unknown_yet")), ContactNames.of(new WaId(waId))),
                Fixtures.t((int) sequence), new Actor("key_a"), Optional.of(new IdentityHash("DF2lS5v2W6x=")),
                new Evidence("otp", "CASE-" + sequence, null, null));
        RecordedEvent unsealed = new RecordedEvent(sequence, event.type(), event.contact(), event.at(), event.actor(), event.data(),
                previous, "", RecordedEvent.WA_ID_FORMAT);
        return new RecordedEvent(sequence, unsealed.type(), unsealed.contact(), unsealed.at(), unsealed.actor(), unsealed.data(),
                previous, AuditChain.hash(unsealed), RecordedEvent.WA_ID_FORMAT);
    }

    private static void insertEvent(Connection c, RecordedEvent e, String waId) throws SQLException {
        execute(c, "INSERT INTO events (phone_number_id, sequence, type, wa_id, at, actor, data, previous_hash, hash) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", BUSINESS, e.sequence(), e.type(), waId, time(e.at()), e.actor().id(),
                Columns.json(e.data()), e.previousHash(), e.hash());
    }

    private static void insertContact(Connection c, String waId, ContactTrust t) throws SQLException {
        execute(c, "INSERT INTO contacts (phone_number_id, wa_id, state, identity_hash, identity_as_of, pinned_hash, verified_hash, "
                        + "pending_change_id, pending_hash, pending_detected_at, pending_first_acknowledger, reauth_id, "
                        + "reauth_change_id, reauth_started_at, reauth_outcome, reauth_attempts, version, updated_at, "
                        + "identity_first_use) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                BUSINESS, waId, t.state().name(), t.identityHash().map(IdentityHash::value).orElse(null),
                t.identityAsOf().map(NamesMigrationTest::time).orElse(null), t.pinnedHash().map(IdentityHash::value).orElse(null),
                t.verifiedHash().map(IdentityHash::value).orElse(null), t.pendingChange().map(p -> p.id().value()).orElse(null),
                t.pendingChange().flatMap(p -> p.hash()).map(IdentityHash::value).orElse(null),
                t.pendingChange().map(p -> time(p.detectedAt())).orElse(null),
                t.pendingChange().flatMap(p -> p.firstAcknowledger()).map(Actor::id).orElse(null),
                t.reauthentication().map(r -> r.id().value()).orElse(null),
                t.reauthentication().map(r -> r.changeId().value()).orElse(null),
                t.reauthentication().map(r -> time(r.startedAt())).orElse(null),
                t.reauthentication().map(r -> r.outcome().name()).orElse(null),
                t.reauthentication().map(r -> r.attempts()).orElse(null), t.version(),
                t.updatedAt().map(NamesMigrationTest::time).orElse(null), t.identityOnFirstUse());
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static void execute(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }
}
