package dev.trustgate.domain;

import static dev.trustgate.domain.Fixtures.changed;
import static dev.trustgate.domain.Fixtures.optedIn;
import static dev.trustgate.domain.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two contacts found to be one WhatsApp user (DESIGN §4): the contact of the row absorbs the contact of the
 * column. A cell is the merged state. Blocked if either was; trusted only if both were; a newer identity
 * that nobody vouched for (taken on first use under the other name) is an identity change.
 * NEW has no identity; LATER is a baseline taken on first use after every other fixture's identity.
 */
class ContactMergeTest {

    private static final String TABLE = """
            survivor \\ absorbed | UNVERIFIED       | TRUSTED          | IDENTITY_CHANGED | RE_AUTH_PASSED    | ACKNOWLEDGED     | NEW              | LATER
            UNVERIFIED           | UNVERIFIED       | UNVERIFIED       | IDENTITY_CHANGED | RE_AUTHENTICATING | UNVERIFIED       | UNVERIFIED       | IDENTITY_CHANGED
            TRUSTED              | UNVERIFIED       | TRUSTED          | IDENTITY_CHANGED | RE_AUTHENTICATING | ACKNOWLEDGED     | UNVERIFIED       | IDENTITY_CHANGED
            IDENTITY_CHANGED     | IDENTITY_CHANGED | IDENTITY_CHANGED | IDENTITY_CHANGED | IDENTITY_CHANGED  | IDENTITY_CHANGED | IDENTITY_CHANGED | IDENTITY_CHANGED
            RE_AUTH_PASSED       | RE_AUTHENTICATING | RE_AUTHENTICATING | RE_AUTHENTICATING | RE_AUTHENTICATING | RE_AUTHENTICATING | RE_AUTHENTICATING | IDENTITY_CHANGED
            ACKNOWLEDGED         | UNVERIFIED       | ACKNOWLEDGED     | IDENTITY_CHANGED | RE_AUTHENTICATING | ACKNOWLEDGED     | UNVERIFIED       | IDENTITY_CHANGED
            NEW                  | UNVERIFIED       | UNVERIFIED       | IDENTITY_CHANGED | RE_AUTHENTICATING | UNVERIFIED       | UNVERIFIED       | UNVERIFIED
            LATER                | IDENTITY_CHANGED | IDENTITY_CHANGED | IDENTITY_CHANGED | IDENTITY_CHANGED  | IDENTITY_CHANGED | UNVERIFIED       | UNVERIFIED
            """;

    private static final Map<String, Supplier<ContactTrust>> STATES = new LinkedHashMap<>();

    static {
        STATES.put("UNVERIFIED", Fixtures::unverified);
        STATES.put("TRUSTED", Fixtures::trusted);
        STATES.put("IDENTITY_CHANGED", Fixtures::identityChanged);
        STATES.put("RE_AUTH_PASSED", Fixtures::reauthenticationPassed);
        STATES.put("ACKNOWLEDGED", Fixtures::acknowledged);
        STATES.put("NEW", () -> ContactTrust.newContact(Fixtures.KEY, Fixtures.NAMES));
        STATES.put("LATER", Fixtures::unverifiedLater);
    }

    static Stream<Arguments> cells() {
        List<String> lines = TABLE.lines().filter(l -> !l.isBlank()).toList();
        List<String> columns = Arrays.stream(lines.get(0).split("\\|")).skip(1).map(String::trim).toList();
        List<Arguments> cells = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.split("\\|");
            for (int i = 1; i < parts.length; i++) {
                cells.add(Arguments.of(parts[0].trim(), columns.get(i - 1), TrustState.valueOf(parts[i].trim())));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} absorbs {1}: {2}")
    @MethodSource("cells")
    void theMergedContactHasTheStricterTrustOfTheTwo(String survivorState, String absorbedState, TrustState expected) {
        ContactTrust survivor = STATES.get(survivorState).get();
        ContactTrust absorbed = Fixtures.asOther(STATES.get(absorbedState).get());

        CommandResult.Changed result = (CommandResult.Changed) survivor.absorb(absorbed, new ChangeId("chg_merge"), optedIn(), t(90));

        ContactTrust merged = result.contact();
        assertThat(merged.state()).isEqualTo(expected);
        assertThat(merged.key()).isEqualTo(Fixtures.KEY);
        assertThat(merged.version()).isEqualTo(survivor.version() + 1);
        assertThat(merged.names().all()).containsAll(Fixtures.NAMES.all()).containsAll(Fixtures.OTHER_NAMES.all());
        assertThat(result.events().get(0)).isInstanceOfSatisfying(TrustEvent.ContactMerged.class, e -> {
            assertThat(e.merged().key()).isEqualTo(Fixtures.OTHER_KEY);
            assertThat(e.data()).containsEntry("mergedContactId", "ct_2").containsEntry("state", expected.name());
        });
        if (survivor.state() == TrustState.TRUSTED || absorbed.state() == TrustState.TRUSTED) {
            assertThat(result.events().stream().anyMatch(e -> e instanceof TrustEvent.TrustBroken))
                    .as("a merge that ends trust says so").isEqualTo(expected != TrustState.TRUSTED);
        }
    }

    @Test
    void aTrustedCustomerWhoseOtherNameShowedAnUnvouchedNewerIdentityIsBlocked() {
        ContactTrust trusted = Fixtures.trusted();
        ContactTrust sameUserUnderUserId = Fixtures.asOther(Fixtures.unverifiedLater());

        ContactTrust merged = changed(trusted.absorb(sameUserUnderUserId, new ChangeId("chg_m"), optedIn(), t(90)));

        assertThat(merged.pendingChange()).get().extracting(PendingChange::hash).isEqualTo(Optional.of(Fixtures.H3));
        assertThat(merged.sendDecision(optedIn(), false)).isInstanceOf(SendDecision.Blocked.class);
    }

    @Test
    void theLaterOfTwoPendingChangesIsTheOneToAcknowledge() {
        ContactTrust earlier = Fixtures.identityChanged();
        ContactTrust later = Fixtures.asOther(changed(Fixtures.trusted().identityChanged(Optional.of(Fixtures.H3), t(45),
                SignalSource.WHATSAPP_SYSTEM, new ChangeId("chg_later"), optedIn(), t(45))));

        ContactTrust merged = changed(earlier.absorb(later, new ChangeId("chg_m"), optedIn(), t(90)));

        assertThat(merged.pendingChange()).get().extracting(PendingChange::id).isEqualTo(new ChangeId("chg_later"));
        assertThat(changed(merged.acknowledge(Fixtures.H3, Fixtures.ALICE, Evidence.NONE, optedIn(), t(91))).state())
                .isEqualTo(TrustState.ACKNOWLEDGED);
    }
}
