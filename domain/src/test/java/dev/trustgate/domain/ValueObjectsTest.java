package dev.trustgate.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueObjectsTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "1234", "123456789012345678901", "1650555123x", "+16505551234"})
    void aWaIdIsFiveToTwentyDigits(String raw) {
        assertThatThrownBy(() -> new WaId(raw)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("wa_id");
    }

    @Test
    void recipientsAreCanonicalisedToDigits() {
        assertThat(WaId.canonical("+1 (650) 555-1234", "to")).isEqualTo(new WaId("16505551234"));
        assertThat(WaId.canonical("0044 20 7946.0958", "to")).isEqualTo(new WaId("442079460958"));
        assertThatThrownBy(() -> WaId.canonical("group:1234567", "to")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("to must be a phone number");
    }

    @Test
    void phoneNumbersAreMaskedInTextForLogs() {
        WaId waId = new WaId("16505551234");
        assertThat(waId.masked()).isEqualTo("*******1234");
        assertThat(waId.toString()).doesNotContain("1650555");
        assertThat(new ContactRef(ContactKey.of("106540352242922", "ct_1"), ContactNames.of(waId)).toString())
                .doesNotContain("1650555");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc def", "abc$", "äöü="})
    void anIdentityHashIsBase64Text(String raw) {
        assertThatThrownBy(() -> new IdentityHash(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("identity_key_hash");
    }

    @Test
    void anIdentityHashIsAtMost128Characters() {
        assertThat(new IdentityHash("A".repeat(128)).value()).hasSize(128);
        assertThatThrownBy(() -> new IdentityHash("A".repeat(129))).hasMessageContaining("at most 128");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "12 34", "123456789012345678901234567890123"})
    void aPhoneNumberIdIsDigits(String raw) {
        assertThatThrownBy(() -> new BusinessNumberId(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("phone_number_id");
    }

    @Test
    void nullsNeverBuildAValue() {
        assertThatThrownBy(() -> new WaId(null)).hasMessage("wa_id must not be blank");
        assertThatThrownBy(() -> new ContactKey(null, new ContactId("ct_1"))).hasMessage("phone_number_id is required");
        assertThatThrownBy(() -> new Actor("has space")).hasMessageStartingWith("actor");
    }

    @Test
    void evidenceRefusesOversizedAndControlCharacters() {
        assertThatThrownBy(() -> new Evidence("x".repeat(101), null, null, null)).hasMessageStartingWith("method");
        assertThatThrownBy(() -> new Evidence(null, "a\u0000b", null, null)).hasMessageStartingWith("reference");
    }
}
