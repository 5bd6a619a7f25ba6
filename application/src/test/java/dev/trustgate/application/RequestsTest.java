package dev.trustgate.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A page's size: asked for or not, too large or too small. */
class RequestsTest {

    @Test
    void aPageHoldsAHundredWhenTheCallerDoesNotSay() {
        assertThat(Requests.limit(null)).isEqualTo(100);
    }

    @Test
    void aLargerPageThanAThousandIsClampedNotRefused() {
        assertThat(Requests.limit(1000)).isEqualTo(1000);
        assertThat(Requests.limit(100_000)).isEqualTo(1000);
        assertThat(Requests.limit(1)).isEqualTo(1);
    }

    @Test
    void aPageOfNothingIsRefused() {
        assertThatThrownBy(() -> Requests.limit(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be at least 1");
    }
}
