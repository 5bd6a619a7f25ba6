package dev.trustgate.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EventTypeTest {

    @Test
    void everyTypeIsTheTypeOfSomeEventAndNamesItOnTheWire() {
        assertThat(SampleEvents.list().stream().map(TrustEvent::eventType).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(EventType.values());
        SampleEvents.list().forEach(event -> assertThat(event.type()).isEqualTo(event.eventType().code()));
    }

    @Test
    void codesAreDottedLowerCaseAndEachNamesOneType() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::code))
                .allMatch(code -> code.matches("[a-z]+\\.[a-z_]+")).doesNotHaveDuplicates();
        for (EventType type : EventType.values()) {
            assertThat(EventType.ofCode(type.code())).contains(type);
            assertThat(type.title()).isNotBlank();
        }
    }

    @Test
    void aNameThatIsNoTypeIsNone() {
        assertThat(EventType.ofCode("identity.Changed")).isEmpty();
        assertThat(EventType.ofCode("IDENTITY_CHANGED")).isEmpty();
        assertThat(EventType.ofCode("")).isEmpty();
        assertThat(EventType.ofCode(null)).isEmpty();
    }
}
