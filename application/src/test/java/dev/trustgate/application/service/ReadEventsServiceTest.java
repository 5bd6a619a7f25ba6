package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.ContactSelector;
import dev.trustgate.application.port.in.ReadEventsUseCase;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Kind;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Signal;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.SignalSource;
import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadEventsServiceTest extends ServiceTestSupport {

    private static final WaId NEIGHBOUR = new WaId("16505559999");

    private ReadEventsUseCase.Page read(long after, int limit) {
        return services.readEvents.read(new ReadEventsUseCase.Query(ALICE, BUSINESS, after, limit));
    }

    private List<RecordedEvent> timeline(WaId customer, int limit) {
        return services.readEvents.readContact(new ReadEventsUseCase.ContactQuery(ALICE, new ContactSelector(BUSINESS, customer), limit));
    }

    /** The customer gets a baseline, then their identity changes; another customer of the business gets a baseline. */
    private void history() {
        optIn();
        baseline();
        services.recordSignals.record(List.of(Signal.of(Optional.of("n1"), BUSINESS, ContactNames.of(NEIGHBOUR), Kind.OBSERVED,
                Optional.of(OLD), Instant.ofEpochSecond(1_750_000_050L), SignalSource.WHATSAPP_MESSAGE, Optional.empty())));
        identityChanges();
    }

    private static List<Long> sequences(List<RecordedEvent> events) {
        return events.stream().map(RecordedEvent::sequence).toList();
    }

    @Test
    void theFeedGivesEveryEventOnceInOrderAPageAtATimeWithTheCursorToPollWithAndTheHead() {
        history();
        long head = core.events.head(BUSINESS);
        assertThat(head).isGreaterThanOrEqualTo(4);

        List<RecordedEvent> seen = new ArrayList<>();
        long after = 0;
        ReadEventsUseCase.Page page;
        do {
            page = read(after, 2);
            assertThat(page.events()).hasSizeLessThanOrEqualTo(2);
            assertThat(page.head()).isEqualTo(head);
            if (!page.events().isEmpty()) {
                assertThat(page.next()).isEqualTo(page.events().get(page.events().size() - 1).sequence());
            }
            seen.addAll(page.events());
            after = page.next();
        } while (!page.events().isEmpty());

        assertThat(sequences(seen)).isEqualTo(sequences(core.events.read(BUSINESS, 0, 1000)));
        assertThat(sequences(seen)).first().isEqualTo(1L);
        assertThat(sequences(seen)).last().isEqualTo(head);
        assertThat(seen).extracting(RecordedEvent::type).contains("identity.baseline", "identity.changed");
    }

    @Test
    void pollingAtTheHeadGivesNothingAndKeepsTheCursor() {
        history();
        long head = core.events.head(BUSINESS);

        ReadEventsUseCase.Page page = read(head, 100);

        assertThat(page.events()).isEmpty();
        assertThat(page.next()).isEqualTo(head);
        assertThat(page.head()).isEqualTo(head);
    }

    @Test
    void aReaderStartingAtTheHeadSeesOnlyWhatHappensAfter() {
        history();
        long head = read(0, 1).head();

        services.recordSignals.record(List.of(Signal.of(Optional.of("n2"), BUSINESS, ContactNames.of(NEIGHBOUR), Kind.OBSERVED,
                Optional.of(NEW), Instant.ofEpochSecond(1_750_000_200L), SignalSource.WHATSAPP_MESSAGE, Optional.empty())));

        ReadEventsUseCase.Page page = read(head, 100);
        assertThat(page.events()).isNotEmpty().allSatisfy(e -> assertThat(e.sequence()).isGreaterThan(head));
        assertThat(page.head()).isEqualTo(core.events.head(BUSINESS));
    }

    @Test
    void aBusinessNumberWithoutEventsHasAnEmptyFeedAtZero() {
        ReadEventsUseCase.Page page = read(0, 100);

        assertThat(page.events()).isEmpty();
        assertThat(page.next()).isZero();
        assertThat(page.head()).isZero();
    }

    @Test
    void anotherBusinessesKeyReadsNeitherTheFeedNorATimeline() {
        history();

        assertThatThrownBy(() -> services.readEvents.read(new ReadEventsUseCase.Query(MALLORY, BUSINESS, 0, 100)))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> services.readEvents.readContact(new ReadEventsUseCase.ContactQuery(MALLORY, CUSTOMER, 100)))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void aNegativeCursorOrALimitOutsideOneToAThousandIsRefused() {
        assertThatThrownBy(() -> new ReadEventsUseCase.Query(ALICE, BUSINESS, -1, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after");
        assertThatThrownBy(() -> new ReadEventsUseCase.Query(ALICE, BUSINESS, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> new ReadEventsUseCase.Query(ALICE, BUSINESS, 0, 1001))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> new ReadEventsUseCase.ContactQuery(ALICE, CUSTOMER, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    }

    @Test
    void aContactsTimelineHoldsOnlyItsOwnEventsNewestFirst() {
        history();

        List<RecordedEvent> timeline = timeline(WA_ID, 100);

        assertThat(timeline).isNotEmpty().allSatisfy(e -> assertThat(e.contact().key()).isEqualTo(key()));
        assertThat(sequences(timeline)).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(timeline).extracting(RecordedEvent::type).contains("identity.baseline", "identity.changed");
        assertThat(timeline(NEIGHBOUR, 100)).extracting(RecordedEvent::type).containsExactly("identity.baseline");
    }

    @Test
    void aTimelineGivesAtMostTheNewestLimitEvents() {
        history();
        List<RecordedEvent> all = timeline(WA_ID, 100);

        assertThat(timeline(WA_ID, 2)).isEqualTo(all.subList(0, 2));
    }

    @Test
    void theTimelineOfACustomerTrustgateNeverHeardOfIsNotFound() {
        history();

        assertThatThrownBy(() -> timeline(new WaId("16505550000"), 100))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
