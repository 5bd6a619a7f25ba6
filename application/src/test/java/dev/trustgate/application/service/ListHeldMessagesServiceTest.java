package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.AcknowledgeIdentityChangeUseCase;
import dev.trustgate.application.port.in.ContactSelector;
import dev.trustgate.application.port.in.DiscardHeldMessageUseCase;
import dev.trustgate.application.port.in.ListHeldMessagesUseCase;
import dev.trustgate.application.port.in.ReleaseHeldMessageUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase.OnBlocked;
import dev.trustgate.application.port.in.SendMessageUseCase.Result;
import dev.trustgate.application.port.out.ContactStore;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.HeldMessage;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.WaId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ListHeldMessagesServiceTest extends ServiceTestSupport {

    /** {@code count} messages held for the customer, a minute apart, oldest first. */
    private List<String> held(int count) {
        optIn();
        baseline();
        identityChanges();
        return IntStream.range(0, count).mapToObj(i -> {
            core.clock.advance(Duration.ofMinutes(1));
            return hold(TO, false);
        }).toList();
    }

    /** A message to {@code to} held; a sensitive one is held for any customer not yet authenticated. */
    private String hold(Recipient to, boolean sensitive) {
        return ((Result.Held) services.send.send(new SendMessageUseCase.Command(ALICE, BUSINESS, to, TEXT, sensitive, OnBlocked.HOLD)))
                .heldMessageId();
    }

    private ContactStore.Page<HeldMessage> page(Optional<String> after, int limit) {
        return services.listHeld.list(new ListHeldMessagesUseCase.Query(ALICE, CUSTOMER, after, limit));
    }

    private static List<String> ids(ContactStore.Page<HeldMessage> page) {
        return page.items().stream().map(HeldMessage::id).toList();
    }

    @Test
    void aContactsHeldMessagesComeOldestFirstAPageAtATimeUntilNoNextIsGiven() {
        List<String> held = held(5);

        List<String> seen = new ArrayList<>();
        ContactStore.Page<HeldMessage> first = page(Optional.empty(), 2);
        assertThat(first.next()).contains(held.get(1));
        seen.addAll(ids(first));
        ContactStore.Page<HeldMessage> second = page(first.next(), 2);
        assertThat(second.next()).contains(held.get(3));
        seen.addAll(ids(second));
        ContactStore.Page<HeldMessage> last = page(second.next(), 2);
        assertThat(last.next()).as("nothing after the last page").isEmpty();
        seen.addAll(ids(last));

        assertThat(seen).isEqualTo(held);
        assertThat(last.items()).singleElement().satisfies(m -> {
            assertThat(m.contact()).isEqualTo(key());
            assertThat(m.body()).isEqualTo(TEXT);
            assertThat(m.status()).isEqualTo(HeldMessage.Status.HELD);
        });
    }

    @Test
    void aPageThatHoldsTheLastMessageExactlyPromisesNoNextPage() {
        List<String> held = held(3);

        ContactStore.Page<HeldMessage> page = page(Optional.empty(), 3);

        assertThat(ids(page)).isEqualTo(held);
        assertThat(page.next()).isEmpty();
    }

    @Test
    void releasedAndDiscardedMessagesAreNoLongerListed() {
        List<String> held = held(3);
        services.discard.discard(new DiscardHeldMessageUseCase.Command(ALICE, held.get(0)));

        assertThat(ids(page(Optional.empty(), 10))).containsExactly(held.get(1), held.get(2));

        services.acknowledge.acknowledge(new AcknowledgeIdentityChangeUseCase.Command(ALICE, CUSTOMER, NEW, Evidence.NONE));
        services.release.release(new ReleaseHeldMessageUseCase.Command(ALICE, held.get(2)));

        assertThat(ids(page(Optional.empty(), 10))).containsExactly(held.get(1));
    }

    @Test
    void theNextPageStillFollowsWhenTheMessageItStartsAfterWasDiscardedMeanwhile() {
        List<String> held = held(4);
        ContactStore.Page<HeldMessage> first = page(Optional.empty(), 2);

        services.discard.discard(new DiscardHeldMessageUseCase.Command(ALICE, first.next().orElseThrow()));

        assertThat(ids(page(first.next(), 2))).containsExactly(held.get(2), held.get(3));
    }

    @Test
    void anAfterThatIsNoMessageHeldForThisContactIsRefused() {
        held(1);
        String othersMessage = hold(Recipient.of(new WaId("16505559999")), true);

        assertThatThrownBy(() -> page(Optional.of("held_unknown"), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after");
        assertThatThrownBy(() -> page(Optional.of(othersMessage), 10))
                .as("another contact's message is no cursor of this list")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after");
    }

    @Test
    void aLimitOutsideOneToAThousandIsRefused() {
        assertThatThrownBy(() -> new ListHeldMessagesUseCase.Query(ALICE, CUSTOMER, Optional.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> new ListHeldMessagesUseCase.Query(ALICE, CUSTOMER, Optional.empty(), 1001))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    }

    @Test
    void anotherBusinessesKeySeesNoneOfThem() {
        held(2);

        assertThatThrownBy(() -> services.listHeld.list(new ListHeldMessagesUseCase.Query(MALLORY, CUSTOMER, Optional.empty(), 10)))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> services.listHeld.list(new ListHeldMessagesUseCase.Query(MALLORY, OTHER_BUSINESS_CUSTOMER,
                Optional.empty(), 10)))
                .as("the same customer under the other business number has nothing held")
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void aContactTrustgateNeverHeardOfIsNotFound() {
        assertThatThrownBy(() -> services.listHeld.list(new ListHeldMessagesUseCase.Query(ALICE,
                new ContactSelector(BUSINESS, new WaId("16505550000")), Optional.empty(), 10)))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
