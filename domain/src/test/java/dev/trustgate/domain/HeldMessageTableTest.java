package dev.trustgate.domain;

import static dev.trustgate.domain.Fixtures.ALICE;
import static dev.trustgate.domain.Fixtures.H2;
import static dev.trustgate.domain.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every state × every command of a held message, as one table. A cell is {@code >STATE event,event} (changed; no
 * event: {@code >STATE}) or {@code !STATE} (refused: the message stays as it is, which the rejection names).
 */
class HeldMessageTableTest {

    private static final String TABLE = """
            command             | HELD                        | RELEASED                  | DISCARDED
            release             | >RELEASED                   | !RELEASED                 | !DISCARDED
            forwarded           | !HELD                       | >RELEASED message.released | !DISCARDED
            holdAgainThatSend   | !HELD                       | >HELD                     | !DISCARDED
            holdAgainOtherSend  | !HELD                       | !RELEASED                 | !DISCARDED
            discard             | >DISCARDED message.discarded | !RELEASED                | !DISCARDED
            """;

    static final ContactRef CONTACT = new ContactRef(Fixtures.KEY, Fixtures.NAMES);
    private static final Map<String, Supplier<HeldMessage>> STATES = new LinkedHashMap<>();
    private static final Map<String, Function<HeldMessage, HeldMessageResult>> COMMANDS = new LinkedHashMap<>();

    static {
        STATES.put("HELD", HeldMessageTableTest::held);
        STATES.put("RELEASED", () -> changed(held().release("msg_1", t(20))));
        STATES.put("DISCARDED", () -> changed(held().discard(CONTACT, ALICE, t(20))));

        COMMANDS.put("release", m -> m.release("msg_2", t(30)));
        COMMANDS.put("forwarded", m -> m.forwarded(CONTACT, ALICE, Optional.of(H2), t(30)));
        COMMANDS.put("holdAgainThatSend", m -> m.holdAgain("msg_1"));
        COMMANDS.put("holdAgainOtherSend", m -> m.holdAgain("msg_2"));
        COMMANDS.put("discard", m -> m.discard(CONTACT, ALICE, t(30)));
    }

    static HeldMessage held() {
        return HeldMessage.hold("held_1", CONTACT, Recipient.of(Fixtures.WA_ID), "{\"type\":\"text\"}", false,
                BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED, ALICE, t(10)).message();
    }

    static HeldMessage changed(HeldMessageResult result) {
        return result.fold(HeldMessageResult.Changed::message, rejected -> {
            throw new AssertionError("expected a change, got " + rejected);
        });
    }

    @Test
    void everyStateAnswersEveryCommandAsTheTableSays() {
        List<String> lines = TABLE.lines().filter(l -> !l.isBlank()).toList();
        List<String> states = cells(lines.get(0)).subList(1, STATES.size() + 1);
        assertThat(states).containsExactlyElementsOf(STATES.keySet());
        List<String> mismatches = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = cells(line);
            Function<HeldMessage, HeldMessageResult> command = COMMANDS.get(cells.get(0));
            assertThat(command).as("command " + cells.get(0)).isNotNull();
            for (int i = 0; i < states.size(); i++) {
                HeldMessage before = STATES.get(states.get(i)).get();
                String actual = describe(before, command.apply(before));
                if (!actual.equals(cells.get(i + 1))) {
                    mismatches.add(cells.get(0) + " in " + states.get(i) + ": expected " + cells.get(i + 1) + ", got " + actual);
                }
            }
        }
        assertThat(lines).hasSize(COMMANDS.size() + 1);
        assertThat(mismatches).isEmpty();
    }

    private static String describe(HeldMessage before, HeldMessageResult result) {
        return result.fold(
                changed -> (">" + changed.message().status() + " " + changed.events().stream().map(TrustEvent::type)
                        .collect(Collectors.joining(","))).trim(),
                rejected -> {
                    assertThat(rejected.status()).as("a rejection names where the message stands").isEqualTo(before.status());
                    return "!" + rejected.status();
                });
    }

    private static List<String> cells(String line) {
        return List.of(line.split("\\|")).stream().map(String::trim).toList();
    }

    @Test
    void holdingRecordsWhyAndForWhomTheMessageWasKept() {
        HeldMessageResult.Changed held = HeldMessage.hold("held_7", CONTACT, Recipient.of(Fixtures.WA_ID), "{}", true,
                BlockReason.NOT_TRUSTED, ALICE, t(5));

        assertThat(held.message().status()).isEqualTo(HeldMessage.Status.HELD);
        assertThat(held.message().contact()).isEqualTo(Fixtures.KEY);
        assertThat(held.events()).containsExactly(new TrustEvent.MessageHeld(CONTACT, t(5), ALICE, "held_7",
                BlockReason.NOT_TRUSTED, true));
    }

    @Test
    void theReleaseIsToldWithTheSendItWasReleasedAsAndItsPin() {
        HeldMessage released = changed(held().release("msg_9", t(20)));

        HeldMessageResult told = released.forwarded(CONTACT, Fixtures.BOB, Optional.of(H2), t(21));

        assertThat(released.sentMessageId()).contains("msg_9");
        assertThat(released.resolvedAt()).contains(t(20));
        assertThat(told).isEqualTo(new HeldMessageResult.Changed(released, List.of(
                new TrustEvent.MessageReleased(CONTACT, t(21), Fixtures.BOB, "held_1", "msg_9", Optional.of(H2)))));
    }

    @Test
    void heldAgainItIsAsIfNeverReleased() {
        HeldMessage again = changed(changed(held().release("msg_1", t(20))).holdAgain("msg_1"));

        assertThat(again).isEqualTo(held());
    }

    @Test
    void aMessageIsDiscardedOrReleasedOnlyAsAMessageOfItsOwnContactOrBusiness() {
        ContactRef other = new ContactRef(Fixtures.OTHER_KEY, Fixtures.OTHER_NAMES);
        ContactRef elsewhere = new ContactRef(ContactKey.of("200000000000001", "ct_1"), Fixtures.NAMES);
        HeldMessage released = changed(held().release("msg_1", t(20)));

        assertThatThrownBy(() -> held().discard(other, ALICE, t(20))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> released.forwarded(elsewhere, ALICE, Optional.empty(), t(20)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(released.forwarded(other, ALICE, Optional.empty(), t(21))).as("released to whom the names lead now")
                .isInstanceOf(HeldMessageResult.Changed.class);
    }

    @Test
    void aHeldMessageThatContradictsItselfCannotExist() {
        HeldMessage h = held();
        assertThatThrownBy(() -> new HeldMessage(h.id(), h.contact(), h.recipient(), h.body(), h.sensitive(), h.reason(), h.heldAt(),
                HeldMessage.Status.RELEASED, Optional.empty(), Optional.of(t(20)))).hasMessageContaining("send it was released as");
        assertThatThrownBy(() -> new HeldMessage(h.id(), h.contact(), h.recipient(), h.body(), h.sensitive(), h.reason(), h.heldAt(),
                HeldMessage.Status.DISCARDED, Optional.of("msg_1"), Optional.of(t(20)))).hasMessageContaining("send it was released as");
        assertThatThrownBy(() -> new HeldMessage(h.id(), h.contact(), h.recipient(), h.body(), h.sensitive(), h.reason(), h.heldAt(),
                HeldMessage.Status.HELD, Optional.empty(), Optional.of(t(20)))).hasMessageContaining("resolution time");
        assertThatThrownBy(() -> new HeldMessage(h.id(), h.contact(), h.recipient(), h.body(), h.sensitive(), h.reason(), h.heldAt(),
                HeldMessage.Status.DISCARDED, Optional.empty(), Optional.empty())).hasMessageContaining("resolution time");
        assertThatThrownBy(() -> new HeldMessage("held 1", h.contact(), h.recipient(), h.body(), h.sensitive(), h.reason(),
                h.heldAt(), HeldMessage.Status.HELD, Optional.empty(), Optional.empty())).hasMessageContaining("held message id");
    }
}
