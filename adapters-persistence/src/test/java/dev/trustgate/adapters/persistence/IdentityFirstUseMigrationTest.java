package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trustgate.application.AuditChain;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ChangeId;
import dev.trustgate.domain.CommandResult;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.ParentUserId;
import dev.trustgate.domain.SignalSource;
import dev.trustgate.domain.TrustEvent;
import dev.trustgate.domain.TrustState;
import dev.trustgate.domain.UserId;
import dev.trustgate.domain.WaId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Contacts whose identity was taken on first use before trustgate recorded that ({@code identity_first_use}
 * arrived defaulting to FALSE) get the mark from their event log when the database is migrated: exactly those
 * whose current identity came from an {@code identity.baseline} that nothing vouched for since, and that have no
 * pending change. A database populated at the schema before the backfill is migrated, and each contact's mark is
 * what the state machine would have set had it recorded the mark all along; a late change notice naming such an
 * identity then blocks.
 */
class IdentityFirstUseMigrationTest {

    private static final String BUSINESS = "106540352242922";
    private static final String OTHER_BUSINESS = "200000000000001";
    private static final IdentityHash H1 = new IdentityHash("DF2lS5v2W6x=");
    private static final IdentityHash H2 = new IdentityHash("Qm9vbXNoYWthbGFrYQ==");
    private static final IdentityHash H3 = new IdentityHash("SGFzaFRocmVl");
    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
    private static final Actor KEY = new Actor("key_crm");
    private static final Evidence OTP = new Evidence("otp_sms", "CASE-1", null, null);

    /** A contact's history: the commands trustgate applied and the events they recorded, in order. */
    private static final class History {
        final String name;
        final boolean expectedFirstUse;
        ContactTrust contact;
        final List<TrustEvent> events = new ArrayList<>();
        boolean storedMark;

        History(String name, String business, String contactId, boolean expectedFirstUse) {
            this.name = name;
            this.expectedFirstUse = expectedFirstUse;
            ContactKey key = ContactKey.of(business, contactId);
            this.contact = ContactTrust.newContact(key, ContactNames.of(new WaId("49151" + contactId.replaceAll("[^0-9]", "")
                    + "0000")));
        }

        History then(Function<ContactTrust, CommandResult> command) {
            CommandResult result = command.apply(contact);
            if (!(result instanceof CommandResult.Changed changed)) {
                throw new AssertionError(name + ": expected a change, got " + result);
            }
            contact = changed.contact();
            events.addAll(changed.events());
            return this;
        }

        /** Stored as trustgate stored it before it recorded first use: unmarked. */
        History storedUnmarked() {
            storedMark = false;
            return this;
        }

        /** Stored with the mark the state machine gave it (a contact written since the mark exists). */
        History storedAsTheDomainMarks() {
            storedMark = contact.identityOnFirstUse();
            return this;
        }
    }

    private static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static BusinessNumber optedIn(String business) {
        return BusinessNumber.unknown(new BusinessNumberId(business)).optIn(T0);
    }

    private static BusinessNumber notOptedIn(String business) {
        return BusinessNumber.unknown(new BusinessNumberId(business));
    }

    private static Function<ContactTrust, CommandResult> seen(IdentityHash hash, int at, String business) {
        return c -> c.identitySeen(hash, t(at), SignalSource.WHATSAPP_MESSAGE, new ChangeId("chg_seen_" + at), optedIn(business), t(at));
    }

    private static Function<ContactTrust, CommandResult> changed(Optional<IdentityHash> hash, int at, BusinessNumber business) {
        return c -> c.identityChanged(hash, t(at), SignalSource.WHATSAPP_SYSTEM, new ChangeId("chg_" + at), business, t(at));
    }

    private static List<History> histories() {
        List<History> all = new ArrayList<>();
        BusinessNumber optedIn = optedIn(BUSINESS);
        BusinessNumber notOptedIn = notOptedIn(BUSINESS);
        all.add(new History("baselined only", BUSINESS, "ct_m1", true)
                .then(seen(H1, 10, BUSINESS)).storedUnmarked());
        all.add(new History("authenticated after its baseline", BUSINESS, "ct_m2", false)
                .then(seen(H1, 10, BUSINESS)).then(c -> c.authenticated(KEY, OTP, t(20))).storedUnmarked());
        all.add(new History("changed and acknowledged", BUSINESS, "ct_m3", false)
                .then(seen(H1, 10, BUSINESS)).then(changed(Optional.of(H2), 20, optedIn))
                .then(c -> c.acknowledge(H2, KEY, OTP, optedIn, t(30))).storedUnmarked());
        all.add(new History("changed back to its baseline identity and acknowledged", BUSINESS, "ct_m4", false)
                .then(seen(H1, 10, BUSINESS)).then(changed(Optional.of(H2), 20, optedIn))
                .then(c -> c.acknowledge(H2, KEY, OTP, optedIn, t(30))).then(changed(Optional.of(H1), 40, optedIn))
                .then(c -> c.acknowledge(H1, KEY, OTP, optedIn, t(50))).storedUnmarked());
        all.add(new History("changed and blocked", BUSINESS, "ct_m5", false)
                .then(seen(H1, 10, BUSINESS)).then(changed(Optional.of(H2), 20, optedIn)).storedUnmarked());
        all.add(new History("baselined, its trust revoked, its number changed", BUSINESS, "ct_m6", true)
                .then(seen(H1, 10, BUSINESS)).then(c -> c.revokeTrust(KEY, "unlinked in the CRM", t(20)))
                .then(c -> c.numberChanged(ContactNames.of(new WaId("491519999")), Optional.empty(), t(30)))
                .storedUnmarked());
        all.add(new History("overridden, then baselined anew", BUSINESS, "ct_m7", true)
                .then(seen(H1, 10, BUSINESS)).then(changed(Optional.empty(), 20, optedIn))
                .then(c -> c.overrideUnknownIdentity(KEY, "customer called in", optedIn, t(30)))
                .then(seen(H3, 40, BUSINESS)).storedUnmarked());
        all.add(new History("changed while its business had not opted in", BUSINESS, "ct_m8", false)
                .then(seen(H1, 10, BUSINESS)).then(changed(Optional.of(H2), 20, notOptedIn)).storedUnmarked());
        all.add(new History("changed away and back while not opted in", BUSINESS, "ct_m9", false)
                .then(seen(H1, 10, BUSINESS)).then(changed(Optional.of(H2), 20, notOptedIn))
                .then(changed(Optional.of(H1), 30, notOptedIn)).storedUnmarked());
        all.add(new History("authenticated before any identity was known, then baselined", BUSINESS, "ct_m10", true)
                .then(c -> c.authenticated(KEY, OTP, t(5))).then(seen(H1, 10, BUSINESS)).storedUnmarked());
        all.add(new History("never given an identity", BUSINESS, "ct_m11", false).storedUnmarked());
        all.add(new History("baselined and marked since the mark exists", BUSINESS, "ct_m12", true)
                .then(seen(H2, 10, BUSINESS)).storedAsTheDomainMarks());
        // same contact id, other business: its authentication says nothing about the first contact of BUSINESS
        all.add(new History("another business's contact of the same id, authenticated", OTHER_BUSINESS, "ct_m1", false)
                .then(seen(H1, 10, OTHER_BUSINESS)).then(c -> c.authenticated(KEY, OTP, t(20))).storedUnmarked());
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void contactsBaselinedBeforeTheMarkExistedAreMarkedFromTheirEventLog(String vendor) throws SQLException {
        DatabaseSettings settings = vendor.equals("H2")
                ? DatabaseSettings.of("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "")
                : EmbeddedPostgresServer.settings("first_use_migration");
        try (HikariDataSource pool = JdbiStorage.pool(settings)) {
            migrateToTheSchemaBeforeTheBackfill(pool);
            List<History> histories = histories();
            // a contact whose hash merely begins like its baseline's is not that baseline's (an exact match, not a prefix)
            History prefix = new History("a hash that only begins like the baseline's", BUSINESS, "ct_m13", false)
                    .then(seen(new IdentityHash("SGFzaFRocmVlX2xvbmdlcg=="), 10, BUSINESS)).storedUnmarked();
            try (Connection c = pool.getConnection()) {
                Map<String, List<RecordedEvent>> chains = new HashMap<>();
                for (History history : histories) {
                    insertContact(c, history.contact, history.storedMark);
                    seal(chains, history.events);
                }
                ContactTrust prefixed = new ContactTrust(prefix.contact.key(), prefix.contact.names(), prefix.contact.state(),
                        Optional.of(H3), prefix.contact.identityAsOf(), Optional.of(H3), Optional.empty(), Optional.empty(),
                        Optional.empty(), prefix.contact.version(), prefix.contact.updatedAt(), false);
                insertContact(c, prefixed, false);
                seal(chains, prefix.events);
                for (Map.Entry<String, List<RecordedEvent>> chain : chains.entrySet()) {
                    for (RecordedEvent event : chain.getValue()) {
                        insertEvent(c, event);
                    }
                    RecordedEvent last = chain.getValue().get(chain.getValue().size() - 1);
                    execute(c, "INSERT INTO event_heads (phone_number_id, last_sequence, last_hash) VALUES (?, ?, ?)",
                            chain.getKey(), last.sequence(), last.hash());
                }
            }

            JdbiStorage.migrate(pool);

            JdbiStorage storage = JdbiStorage.on(pool);
            Map<String, Boolean> marks = new LinkedHashMap<>();
            Map<String, Boolean> expected = new LinkedHashMap<>();
            Map<String, Boolean> domain = new LinkedHashMap<>();
            for (History history : histories) {
                ContactTrust after = storage.transactions.inTransaction(() -> storage.contacts.find(history.contact.key())).orElseThrow();
                marks.put(history.name, after.identityOnFirstUse());
                expected.put(history.name, history.expectedFirstUse);
                domain.put(history.name, history.contact.identityOnFirstUse());
                assertThat(after).as(history.name).isEqualTo(withMark(history.contact, after.identityOnFirstUse()));
            }
            assertThat(marks).isEqualTo(expected);
            assertThat(expected).as("the mark the state machine itself sets").isEqualTo(domain);
            assertThat(storage.transactions.inTransaction(() -> storage.contacts.find(prefix.contact.key())).orElseThrow()
                    .identityOnFirstUse()).as(prefix.name).isFalse();
            assertThat(storage.transactions.inTransaction(() -> storage.events.verify(new BusinessNumberId(BUSINESS))).valid())
                    .as("the event log is untouched").isTrue();

            // a late change notice naming the identity taken on first use now blocks (it was ignored as older before)
            ContactTrust baselined = storage.transactions.inTransaction(() -> storage.contacts.find(ContactKey.of(BUSINESS, "ct_m1")))
                    .orElseThrow();
            CommandResult late = baselined.identityChanged(Optional.of(H1), t(5), SignalSource.WHATSAPP_SYSTEM, new ChangeId("chg_late"),
                    optedIn(BUSINESS), t(100));
            assertThat(late).isInstanceOfSatisfying(CommandResult.Changed.class,
                    changed -> assertThat(changed.contact().state()).isEqualTo(TrustState.IDENTITY_CHANGED));
            ContactTrust vouched = storage.transactions.inTransaction(() -> storage.contacts.find(ContactKey.of(BUSINESS, "ct_m2")))
                    .orElseThrow();
            assertThat(vouched.identityChanged(Optional.of(H1), t(5), SignalSource.WHATSAPP_SYSTEM, new ChangeId("chg_late"),
                    optedIn(BUSINESS), t(100))).as("an identity the business vouched for is not challenged by a late notice")
                    .isInstanceOf(CommandResult.Ignored.class);
        }
    }

    private static ContactTrust withMark(ContactTrust c, boolean mark) {
        return new ContactTrust(c.key(), c.names(), c.state(), c.identityHash(), c.identityAsOf(), c.pinnedHash(), c.verifiedHash(),
                c.pendingChange(), c.reauthentication(), c.version(), c.updatedAt(), mark);
    }

    /** Migrates to the newest version before the backfill (V7). */
    private static void migrateToTheSchemaBeforeTheBackfill(HikariDataSource pool) {
        String before = Arrays.stream(Flyway.configure().dataSource(pool).locations("classpath:db/migration/common").load().info().all())
                .map(MigrationInfo::getVersion).filter(v -> v.compareTo(MigrationVersion.fromVersion("7")) < 0)
                .max(Comparator.naturalOrder()).orElseThrow().getVersion();
        Flyway.configure().dataSource(pool).locations("classpath:db/migration/common").target(before).load().migrate();
    }

    /** Numbers and chains {@code events} onto their business's chain, as the event log does. */
    private static void seal(Map<String, List<RecordedEvent>> chains, List<TrustEvent> events) {
        for (TrustEvent event : events) {
            List<RecordedEvent> chain = chains.computeIfAbsent(event.contact().business().value(), b -> new ArrayList<>());
            String previous = chain.isEmpty() ? AuditChain.GENESIS : chain.get(chain.size() - 1).hash();
            chain.add(AuditChain.seal(event, chain.size() + 1L, previous));
        }
    }

    /** An event row in the columns it has at the schema before the backfill. */
    private static void insertEvent(Connection c, RecordedEvent e) throws SQLException {
        ContactNames names = e.contact().names();
        execute(c, "INSERT INTO events (phone_number_id, sequence, type, contact_id, wa_id, user_id, parent_user_id, at, actor, data, "
                        + "previous_hash, hash, format) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.contact().business().value(), e.sequence(), e.type(), e.contact().id().value(),
                names.waId().map(WaId::value).orElse(null), names.userId().map(UserId::value).orElse(null),
                names.parentUserId().map(ParentUserId::value).orElse(null), time(e.at()), e.actor().id(), Columns.json(e.data()),
                e.previousHash(), e.hash(), e.format());
    }

    /** A contact row in the columns it has at the schema before the backfill. */
    private static void insertContact(Connection c, ContactTrust t, boolean firstUse) throws SQLException {
        execute(c, "INSERT INTO contacts (phone_number_id, contact_id, wa_id, user_id, parent_user_id, state, identity_hash, "
                        + "identity_as_of, pinned_hash, verified_hash, pending_change_id, pending_hash, pending_detected_at, "
                        + "pending_first_acknowledger, reauth_id, reauth_change_id, reauth_started_at, reauth_outcome, reauth_attempts, "
                        + "version, updated_at, identity_first_use) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                t.key().business().value(), t.key().id().value(), t.names().waId().map(WaId::value).orElse(null),
                t.names().userId().map(UserId::value).orElse(null), t.names().parentUserId().map(ParentUserId::value).orElse(null),
                t.state().name(), t.identityHash().map(IdentityHash::value).orElse(null),
                t.identityAsOf().map(IdentityFirstUseMigrationTest::time).orElse(null), t.pinnedHash().map(IdentityHash::value).orElse(null),
                t.verifiedHash().map(IdentityHash::value).orElse(null), t.pendingChange().map(p -> p.id().value()).orElse(null),
                t.pendingChange().flatMap(p -> p.hash()).map(IdentityHash::value).orElse(null),
                t.pendingChange().map(p -> time(p.detectedAt())).orElse(null),
                t.pendingChange().flatMap(p -> p.firstAcknowledger()).map(Actor::id).orElse(null),
                t.reauthentication().map(r -> r.id().value()).orElse(null),
                t.reauthentication().map(r -> r.changeId().value()).orElse(null),
                t.reauthentication().map(r -> time(r.startedAt())).orElse(null),
                t.reauthentication().map(r -> r.outcome().name()).orElse(null),
                t.reauthentication().map(r -> r.attempts()).orElse(null), t.version(),
                t.updatedAt().map(IdentityFirstUseMigrationTest::time).orElse(null), firstUse);
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
