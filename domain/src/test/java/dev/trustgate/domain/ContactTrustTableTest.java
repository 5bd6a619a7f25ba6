package dev.trustgate.domain;

import static dev.trustgate.domain.Fixtures.ALICE;
import static dev.trustgate.domain.Fixtures.H1;
import static dev.trustgate.domain.Fixtures.H3;
import static dev.trustgate.domain.Fixtures.R1;
import static dev.trustgate.domain.Fixtures.optedIn;
import static dev.trustgate.domain.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every state × every command of DESIGN §2, as one table a reader can check against the design.
 * A cell is {@code >STATE event,event} (changed), {@code ~} (ignored: no event, no new version) or
 * {@code !REASON} (rejected). A SIM swap acts by the business's {@link SimSwapPolicy}.
 */
class ContactTrustTableTest {

    private static final String TABLE = """
            command          | UNVERIFIED                | TRUSTED                          | IDENTITY_CHANGED                        | IDENTITY_CHANGED_UNKNOWN                | RE_AUTHENTICATING                                       | RE_AUTH_PASSED                                           | ACKNOWLEDGED
            seenSame         | ~                         | ~                                | ~                                       | >IDENTITY_CHANGED identity.changed,trust.broken | ~                                               | ~                                                        | ~
            seenNew          | >IDENTITY_CHANGED identity.changed,trust.broken | >IDENTITY_CHANGED identity.changed,trust.broken | >IDENTITY_CHANGED identity.changed,trust.broken | >IDENTITY_CHANGED identity.changed,trust.broken | >IDENTITY_CHANGED identity.changed,trust.broken | >IDENTITY_CHANGED identity.changed,trust.broken | >IDENTITY_CHANGED identity.changed,trust.broken
            seenOlder        | ~                         | ~                                | ~                                       | ~                                       | ~                                                       | ~                                                        | ~
            changedNew       | >IDENTITY_CHANGED identity.changed,trust.broken | >IDENTITY_CHANGED identity.changed,trust.broken | >IDENTITY_CHANGED identity.changed,trust.broken | >IDENTITY_CHANGED identity.changed,trust.broken | >IDENTITY_CHANGED identity.changed,trust.broken | >IDENTITY_CHANGED identity.changed,trust.broken | >IDENTITY_CHANGED identity.changed,trust.broken
            changedSame      | >IDENTITY_CHANGED identity.changed,trust.broken | ~                          | ~                                       | >IDENTITY_CHANGED identity.changed,trust.broken | ~                                               | ~                                                        | ~
            changedSameOlder | >IDENTITY_CHANGED identity.changed,trust.broken | ~                          | ~                                       | ~                                       | ~                                                       | ~                                                        | ~
            changedUnknown   | >IDENTITY_CHANGED identity.changed,trust.broken | >IDENTITY_CHANGED identity.changed,trust.broken | >IDENTITY_CHANGED identity.changed,trust.broken | ~ | >IDENTITY_CHANGED identity.changed,trust.broken | >IDENTITY_CHANGED identity.changed,trust.broken | >IDENTITY_CHANGED identity.changed,trust.broken
            changedOlder     | ~                         | ~                                | ~                                       | ~                                       | ~                                                       | ~                                                        | ~
            startReauth      | !INVALID_STATE            | !INVALID_STATE                   | >RE_AUTHENTICATING reauthentication.started | >RE_AUTHENTICATING reauthentication.started | !INVALID_STATE                              | !INVALID_STATE                                           | !INVALID_STATE
            cancelReauth     | !UNKNOWN_REAUTHENTICATION | !UNKNOWN_REAUTHENTICATION        | !UNKNOWN_REAUTHENTICATION               | !UNKNOWN_REAUTHENTICATION               | >IDENTITY_CHANGED reauthentication.cancelled            | >IDENTITY_CHANGED reauthentication.cancelled             | !UNKNOWN_REAUTHENTICATION
            reauthPassed     | !UNKNOWN_REAUTHENTICATION | !UNKNOWN_REAUTHENTICATION        | !UNKNOWN_REAUTHENTICATION               | !UNKNOWN_REAUTHENTICATION               | >RE_AUTHENTICATING reauthentication.succeeded           | !INVALID_STATE                                           | !UNKNOWN_REAUTHENTICATION
            reauthFailed     | !UNKNOWN_REAUTHENTICATION | !UNKNOWN_REAUTHENTICATION        | !UNKNOWN_REAUTHENTICATION               | !UNKNOWN_REAUTHENTICATION               | >IDENTITY_CHANGED reauthentication.failed               | !INVALID_STATE                                           | !UNKNOWN_REAUTHENTICATION
            reauthOtherId    | !UNKNOWN_REAUTHENTICATION | !UNKNOWN_REAUTHENTICATION        | !UNKNOWN_REAUTHENTICATION               | !UNKNOWN_REAUTHENTICATION               | !UNKNOWN_REAUTHENTICATION                               | !UNKNOWN_REAUTHENTICATION                                | !UNKNOWN_REAUTHENTICATION
            ackPending       | !INVALID_STATE            | !INVALID_STATE                   | >ACKNOWLEDGED identity.acknowledged     | !IDENTITY_UNKNOWN                       | >ACKNOWLEDGED identity.acknowledged                     | >TRUSTED identity.acknowledged,trust.established         | !INVALID_STATE
            ackStale         | !INVALID_STATE            | !INVALID_STATE                   | !STALE_ACKNOWLEDGEMENT                  | !IDENTITY_UNKNOWN                       | !STALE_ACKNOWLEDGEMENT                                  | !STALE_ACKNOWLEDGEMENT                                   | !INVALID_STATE
            override         | !INVALID_STATE            | !INVALID_STATE                   | !INVALID_STATE                          | >ACKNOWLEDGED identity.overridden       | !INVALID_STATE                                          | !INVALID_STATE                                           | !INVALID_STATE
            authenticated    | >TRUSTED trust.established | >TRUSTED trust.established      | !INVALID_STATE                          | !INVALID_STATE                          | !INVALID_STATE                                          | !INVALID_STATE                                           | >TRUSTED trust.established
            revokeTrust      | >UNVERIFIED trust.revoked | >UNVERIFIED trust.revoked        | >IDENTITY_CHANGED trust.revoked         | >IDENTITY_CHANGED trust.revoked         | >IDENTITY_CHANGED reauthentication.cancelled,trust.revoked | >IDENTITY_CHANGED reauthentication.cancelled,trust.revoked | >ACKNOWLEDGED trust.revoked
            simSwapBreakTrust | >UNVERIFIED contact.sim_swapped | >UNVERIFIED contact.sim_swapped,trust.broken | >IDENTITY_CHANGED contact.sim_swapped | >IDENTITY_CHANGED contact.sim_swapped | >IDENTITY_CHANGED contact.sim_swapped,reauthentication.cancelled | >IDENTITY_CHANGED contact.sim_swapped,reauthentication.cancelled | >ACKNOWLEDGED contact.sim_swapped
            simSwapBlock     | >IDENTITY_CHANGED contact.sim_swapped,identity.changed,trust.broken | >IDENTITY_CHANGED contact.sim_swapped,identity.changed,trust.broken | >IDENTITY_CHANGED contact.sim_swapped,identity.changed,trust.broken | >IDENTITY_CHANGED contact.sim_swapped | >IDENTITY_CHANGED contact.sim_swapped,identity.changed,trust.broken | >IDENTITY_CHANGED contact.sim_swapped,identity.changed,trust.broken | >IDENTITY_CHANGED contact.sim_swapped,identity.changed,trust.broken
            simSwapOlder     | ~                         | ~                                | ~                                       | ~                                       | ~                                                       | ~                                                        | ~
            """;

    private static final Map<String, Supplier<ContactTrust>> STATES = new LinkedHashMap<>();
    private static final Map<String, Function<ContactTrust, CommandResult>> COMMANDS = new LinkedHashMap<>();

    static {
        STATES.put("UNVERIFIED", Fixtures::unverified);
        STATES.put("TRUSTED", Fixtures::trusted);
        STATES.put("IDENTITY_CHANGED", Fixtures::identityChanged);
        STATES.put("IDENTITY_CHANGED_UNKNOWN", Fixtures::identityChangedUnknown);
        STATES.put("RE_AUTHENTICATING", Fixtures::reauthenticating);
        STATES.put("RE_AUTH_PASSED", Fixtures::reauthenticationPassed);
        STATES.put("ACKNOWLEDGED", Fixtures::acknowledged);

        ChangeId next = new ChangeId("chg_next");
        COMMANDS.put("seenSame", c -> c.identitySeen(c.identityHash().orElse(H3), t(100), SignalSource.WHATSAPP_MESSAGE, next, optedIn(), t(100)));
        COMMANDS.put("seenNew", c -> c.identitySeen(H3, t(100), SignalSource.WHATSAPP_MESSAGE, next, optedIn(), t(100)));
        COMMANDS.put("seenOlder", c -> c.identitySeen(H3, t(1), SignalSource.WHATSAPP_MESSAGE, next, optedIn(), t(100)));
        COMMANDS.put("changedNew", c -> c.identityChanged(Optional.of(H3), t(100), SignalSource.WHATSAPP_SYSTEM, next, optedIn(), t(100)));
        COMMANDS.put("changedSame", c -> c.identityChanged(c.identityHash().or(() -> Optional.of(H3)), t(100), SignalSource.WHATSAPP_SYSTEM, next, optedIn(), t(100)));
        // A late notice naming the identity taken on first use (UNVERIFIED here): it was never vouched for, so it blocks.
        COMMANDS.put("changedSameOlder", c -> c.identityChanged(c.identityHash().or(() -> Optional.of(H3)), t(1), SignalSource.WHATSAPP_SYSTEM, next, optedIn(), t(100)));
        COMMANDS.put("changedUnknown", c -> c.identityChanged(Optional.empty(), t(100), SignalSource.WHATSAPP_SYSTEM, next, optedIn(), t(100)));
        COMMANDS.put("changedOlder", c -> c.identityChanged(Optional.of(H3), t(1), SignalSource.WHATSAPP_SYSTEM, next, optedIn(), t(100)));
        COMMANDS.put("startReauth", c -> c.startReauthentication(new ReauthenticationId("reauth_2"), ALICE, t(100)));
        COMMANDS.put("cancelReauth", c -> c.cancelReauthentication(R1, ALICE, t(100)));
        COMMANDS.put("reauthPassed", c -> c.reauthenticationResult(R1, true, Evidence.NONE, ALICE, t(100)));
        COMMANDS.put("reauthFailed", c -> c.reauthenticationResult(R1, false, Evidence.NONE, ALICE, t(100)));
        COMMANDS.put("reauthOtherId", c -> c.reauthenticationResult(new ReauthenticationId("nope"), true, Evidence.NONE, ALICE, t(100)));
        COMMANDS.put("ackPending", c -> c.acknowledge(c.identityHash().orElse(H3), ALICE, Evidence.NONE, optedIn(), t(100)));
        COMMANDS.put("ackStale", c -> c.acknowledge(H1, ALICE, Evidence.NONE, optedIn(), t(100)));
        COMMANDS.put("override", c -> c.overrideUnknownIdentity(ALICE, "customer verified in branch", optedIn(), t(100)));
        COMMANDS.put("authenticated", c -> c.authenticated(ALICE, Evidence.NONE, t(100)));
        COMMANDS.put("revokeTrust", c -> c.revokeTrust(ALICE, "crm unlinked", t(100)));
        COMMANDS.put("simSwapBreakTrust", c -> c.simSwapped(t(100), Optional.of(t(5)), next, optedIn(), t(100)));
        COMMANDS.put("simSwapBlock", c -> c.simSwapped(t(100), Optional.empty(), next, optedIn().withSimSwapPolicy(SimSwapPolicy.BLOCK), t(100)));
        // A notice no later than the last SIM swap applied to the contact, under either policy.
        COMMANDS.put("simSwapOlder", c -> c.simSwapped(t(5), Optional.of(t(5)), next, optedIn().withSimSwapPolicy(SimSwapPolicy.BLOCK), t(100)));
    }

    static Stream<Arguments> cells() {
        List<String> lines = TABLE.lines().filter(l -> !l.isBlank()).toList();
        List<String> states = columns(lines.get(0)).subList(1, 8);
        List<Arguments> cells = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> columns = columns(line);
            for (int i = 0; i < states.size(); i++) {
                cells.add(Arguments.of(states.get(i), columns.get(0), columns.get(i + 1)));
            }
        }
        return cells.stream();
    }

    private static List<String> columns(String line) {
        return Arrays.stream(line.split("\\|")).map(String::trim).toList();
    }

    @Test
    void tableCoversEveryStateAndEveryCommand() {
        List<String> lines = TABLE.lines().filter(l -> !l.isBlank()).toList();
        assertThat(columns(lines.get(0)).subList(1, 8)).containsExactlyElementsOf(STATES.keySet());
        assertThat(lines.subList(1, lines.size()).stream().map(l -> columns(l).get(0)))
                .containsExactlyElementsOf(COMMANDS.keySet());
        assertThat(cells()).hasSize(STATES.size() * COMMANDS.size());
        assertThat(STATES.values().stream().map(s -> s.get().state()).distinct())
                .containsExactlyInAnyOrder(TrustState.values());
    }

    @ParameterizedTest(name = "{0} × {1} → {2}")
    @MethodSource("cells")
    void everyStateAndCommandHasTheDesignedOutcome(String state, String command, String expected) {
        ContactTrust before = STATES.get(state).get();
        CommandResult result = COMMANDS.get(command).apply(before);

        if (expected.equals("~")) {
            assertThat(result).isInstanceOf(CommandResult.Ignored.class);
        } else if (expected.startsWith("!")) {
            assertThat(result).isInstanceOfSatisfying(CommandResult.Rejected.class,
                    r -> assertThat(r.reason()).isEqualTo(RejectionReason.valueOf(expected.substring(1))));
        } else {
            String[] parts = expected.substring(1).split(" ");
            assertThat(result).isInstanceOfSatisfying(CommandResult.Changed.class, changed -> {
                assertThat(changed.contact().state()).isEqualTo(TrustState.valueOf(parts[0]));
                assertThat(changed.events()).extracting(TrustEvent::type).containsExactly(parts[1].split(","));
                assertThat(changed.contact().version()).isEqualTo(before.version() + 1);
                assertThat(changed.events()).allSatisfy(e -> assertThat(e.contact().key()).isEqualTo(before.key()));
            });
        }
    }
}
