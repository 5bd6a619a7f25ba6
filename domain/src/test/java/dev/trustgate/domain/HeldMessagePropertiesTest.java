package dev.trustgate.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;

/**
 * The held-message lifecycle over random command sequences, as the services may apply them in any order (racing
 * requests, a release WhatsApp refused): a message is resolved at most once per holding, never released after it was
 * discarded, told released only while released and as the send it was released as, and a rejected command changes
 * nothing. jqwik prints the seed of a failing run.
 */
class HeldMessagePropertiesTest {

    private static final List<String> SENDS = List.of("msg_0", "msg_1", "msg_2");

    sealed interface Op {
    }

    record Release(int send) implements Op {
    }

    record Forwarded() implements Op {
    }

    record HoldAgain(int send) implements Op {
    }

    record Discard() implements Op {
    }

    @Provide
    Arbitrary<List<Op>> sequences() {
        Arbitrary<Integer> send = Arbitraries.integers().between(0, SENDS.size() - 1);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                Tuple.of(4, send.map(Release::new)),
                Tuple.of(3, Arbitraries.just(new Forwarded())),
                Tuple.of(3, send.map(HoldAgain::new)),
                Tuple.of(2, Arbitraries.just(new Discard())));
        return op.list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 5_000, shrinking = ShrinkingMode.BOUNDED)
    void anySequenceOfCommandsKeepsTheLifecycle(@ForAll("sequences") List<Op> ops) {
        HeldMessageResult.Changed start = HeldMessage.hold("held_1", HeldMessageTableTest.CONTACT, Recipient.of(Fixtures.WA_ID),
                "{}", false, BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED, Fixtures.ALICE, Fixtures.t(0));
        HeldMessage message = start.message();
        List<TrustEvent> history = new ArrayList<>(start.events());
        int resolutionsThisHolding = 0;
        int step = 0;
        for (Op op : ops) {
            step++;
            HeldMessage before = message;
            HeldMessageResult result = apply(before, op, step);
            if (result instanceof HeldMessageResult.Rejected rejected) {
                assertThat(rejected.status()).as("a refusal names where the message stands").isEqualTo(before.status());
                continue;
            }
            HeldMessageResult.Changed changed = (HeldMessageResult.Changed) result;
            message = changed.message();
            history.addAll(changed.events());

            assertThat(before.status()).as("a discarded message never changes again").isNotEqualTo(HeldMessage.Status.DISCARDED);
            assertThat(message.id()).isEqualTo(before.id());
            assertThat(message.body()).isEqualTo(before.body());
            if (before.held() && !message.held()) {
                resolutionsThisHolding++;
                assertThat(resolutionsThisHolding).as("resolved at most once per holding").isEqualTo(1);
            }
            if (!before.held() && message.held()) {
                assertThat(op).as("only the release WhatsApp did not get is undone").isEqualTo(new HoldAgain(SENDS.indexOf(
                        before.sentMessageId().orElseThrow())));
                resolutionsThisHolding = 0;
            }
            for (TrustEvent event : changed.events()) {
                if (event instanceof TrustEvent.MessageReleased released) {
                    assertThat(message.status()).isEqualTo(HeldMessage.Status.RELEASED);
                    assertThat(Optional.of(released.messageId())).as("told released as the send it was released as")
                            .isEqualTo(message.sentMessageId());
                }
            }
        }
        List<String> types = history.stream().map(TrustEvent::type).toList();
        assertThat(types.get(0)).isEqualTo("message.held");
        assertThat(types.stream().filter("message.discarded"::equals).count()).as("discarded at most once").isLessThanOrEqualTo(1);
        int discarded = types.indexOf("message.discarded");
        if (discarded >= 0) {
            assertThat(types.subList(discarded + 1, types.size())).as("nothing after the discard").isEmpty();
            assertThat(message.status()).isEqualTo(HeldMessage.Status.DISCARDED);
        }
    }

    private static HeldMessageResult apply(HeldMessage message, Op op, int step) {
        if (op instanceof Release r) {
            return message.release(SENDS.get(r.send()), Fixtures.t(step));
        } else if (op instanceof Forwarded) {
            return message.forwarded(HeldMessageTableTest.CONTACT, Fixtures.BOB, Optional.of(Fixtures.H2), Fixtures.t(step));
        } else if (op instanceof HoldAgain h) {
            return message.holdAgain(SENDS.get(h.send()));
        }
        return message.discard(HeldMessageTableTest.CONTACT, Fixtures.ALICE, Fixtures.t(step));
    }
}
