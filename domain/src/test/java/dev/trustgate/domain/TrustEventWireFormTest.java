package dev.trustgate.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The wire form of every event: its type and its data, as the feed and notifications show them (keys sorted) and the
 * audit chain hashes them. Events already recorded must read and verify the same forever, so these are pinned
 * character for character.
 */
class TrustEventWireFormTest {

    private static final String GOLDEN = """
            baseline | identity.baseline | {"asOf":"2026-01-01T00:00:00Z","identityHash":"DF2lS5v2W6x=","source":"whatsapp_message"}
            changed | identity.changed | {"asOf":"2026-01-01T00:00:01Z","blocking":"true","changeId":"chg_1","identityHash":"Qm9vbXNoYWthbGFrYQ==","identityKnown":"true","previousHash":"DF2lS5v2W6x=","source":"whatsapp_status"}
            changed to an unknown identity | identity.changed | {"asOf":"2026-01-01T00:00:02Z","blocking":"false","changeId":"chg_1","identityKnown":"false","source":"external"}
            trust broken | trust.broken | {"cause":"identity.changed","previousState":"TRUSTED"}
            reauthentication started | reauthentication.started | {"changeId":"chg_1","reauthenticationId":"reauth_1"}
            reauthentication cancelled | reauthentication.cancelled | {"cause":"cancelled","reauthenticationId":"reauth_1"}
            reauthentication succeeded | reauthentication.succeeded | {"evidence":"passport checked","method":"branch visit","operator":"Ana","reauthenticationId":"reauth_1","reference":"CASE-17"}
            reauthentication succeeded without evidence | reauthentication.succeeded | {"reauthenticationId":"reauth_1"}
            reauthentication failed | reauthentication.failed | {"attempts":"2","method":"call-back","reauthenticationId":"reauth_1"}
            acknowledgement requested | identity.acknowledgement_requested | {"changeId":"chg_1","evidence":"passport checked","identityHash":"Qm9vbXNoYWthbGFrYQ==","method":"branch visit","operator":"Ana","reference":"CASE-17"}
            acknowledgement requested of an unknown identity | identity.acknowledgement_requested | {"changeId":"chg_1","evidence":"number reassigned"}
            acknowledged | identity.acknowledged | {"changeId":"chg_1","evidence":"passport checked","firstAcknowledger":"key_alice","identityHash":"Qm9vbXNoYWthbGFrYQ==","method":"branch visit","operator":"Ana","reference":"CASE-17","trusted":"true"}
            acknowledged by one key | identity.acknowledged | {"changeId":"chg_1","identityHash":"Qm9vbXNoYWthbGFrYQ==","trusted":"false"}
            overridden | identity.overridden | {"changeId":"chg_1","firstAcknowledger":"key_alice","reason":"checked at the branch"}
            overridden by one key | identity.overridden | {"changeId":"chg_1","reason":"checked"}
            trust established | trust.established | {"evidence":"passport checked","identityHash":"DF2lS5v2W6x=","method":"branch visit","operator":"Ana","reference":"CASE-17"}
            trust established without an identity | trust.established | {}
            trust revoked | trust.revoked | {"previousState":"RE_AUTHENTICATING","reason":"lost phone"}
            trust revoked without a reason | trust.revoked | {"previousState":"TRUSTED"}
            message blocked | message.blocked | {"reason":"not_trusted","sensitive":"true"}
            message held | message.held | {"heldMessageId":"held_1","reason":"identity_change_unacknowledged","sensitive":"false"}
            message released | message.released | {"heldMessageId":"held_1","messageId":"msg_1","pinnedIdentityHash":"Qm9vbXNoYWthbGFrYQ=="}
            message released unpinned | message.released | {"heldMessageId":"held_1","messageId":"msg_1"}
            message discarded | message.discarded | {"heldMessageId":"held_2"}
            message sent across a change | message.sent_across_change | {"messageId":"msg_2","pinned":"true","pinnedIdentityHash":"DF2lS5v2W6x=","whatsappMessageId":"wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI"}
            message sent across a change unpinned | message.sent_across_change | {"messageId":"msg_3","pinned":"false","whatsappMessageId":"wamid.HBgLMTY1MDU1NTEyMzQVAgARGBJ"}
            number changed | contact.number_changed | {"detachedContactId":"ct_9","previousWaId":"16505550000"}
            number changed without a previous number | contact.number_changed | {}
            merged | contact.merged | {"blocking":"true","mergedContactId":"ct_2","mergedParentUserId":"US.ENT.11815799212886844830","mergedState":"IDENTITY_CHANGED","mergedUserId":"US.13491208655302741918","previousState":"TRUSTED","state":"IDENTITY_CHANGED"}
            merged with a contact known by its number | contact.merged | {"blocking":"false","mergedContactId":"ct_2","mergedState":"ACKNOWLEDGED","mergedWaId":"16505550000","previousState":"UNVERIFIED","state":"UNVERIFIED"}
            sim swapped, trust broken | contact.sim_swapped | {"asOf":"2026-01-01T00:00:20Z","blocking":"false","policy":"break_trust","previousState":"TRUSTED","source":"sim_swap"}
            sim swapped, blocked | contact.sim_swapped | {"asOf":"2026-01-01T00:00:20Z","blocking":"true","policy":"block","previousState":"ACKNOWLEDGED","source":"sim_swap"}
            changed by a sim swap | identity.changed | {"asOf":"2026-01-01T00:00:20Z","blocking":"true","changeId":"chg_1","identityKnown":"false","previousHash":"DF2lS5v2W6x=","source":"sim_swap"}
            reauthentication succeeded with a SIM-swap check | reauthentication.succeeded | {"method":"sms-otp","reauthenticationId":"reauth_1","simSwapCheckHours":"240","simSwappedWithinHours":"false"}
            """;

    @Test
    void everyEventKeepsTheTypeAndDataItWasRecordedWith() {
        Map<String, String> expected = new LinkedHashMap<>();
        GOLDEN.lines().filter(line -> !line.isBlank()).forEach(line -> {
            String[] parts = line.split(" \\| ", 2);
            expected.put(parts[0], parts[1]);
        });
        Map<String, String> actual = new LinkedHashMap<>();
        SampleEvents.all().forEach((name, event) -> actual.put(name, wireForm(event)));

        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    @Test
    void theSamplesCoverEveryKindOfEvent() {
        assertThat(SampleEvents.list().stream().map(Object::getClass).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(TrustEvent.class.getPermittedSubclasses()));
    }

    static String wireForm(TrustEvent event) {
        return event.type() + " | " + json(new TreeMap<>(event.data()));
    }

    static String json(Map<String, String> data) {
        StringBuilder json = new StringBuilder("{");
        data.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append(quote(k)).append(':').append(quote(v)));
        return json.append('}').toString();
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
